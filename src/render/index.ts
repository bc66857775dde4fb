export type { ButtonType, Card, CardElement, CommandValue, HeaderColour } from './card.js';
export {
  button,
  buttonRow,
  card,
  commandForm,
  escapeMd,
  hr,
  markdown,
  mention,
  signoffForm,
  table,
} from './card.js';
export { COLOUR } from './colours.js';
export { renderErrorText } from './error.text.js';
export { CARD_LIMIT_BYTES, cardBytes, FIT_BYTES, fitCard, omittedNote, truncatedList } from './fit.js';
export { type HelpCommand, renderHelpCard } from './help.card.js';
export { renderOverdueCard } from './overdue.card.js';
export { renderOverviewCard } from './overview.card.js';
export { ACTION_COLOUR, type ResultLine, renderActionResult, renderReportReceipt } from './receipt.card.js';
export { renderTaskCard } from './task.card.js';
export { renderUnitCard } from './unit.card.js';
export { renderUnreportedCard } from './unreported.card.js';
export { type TextPlace, userText } from './user-text.js';
export { renderWarningsCard } from './warnings.card.js';
