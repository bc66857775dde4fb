import type { HeaderColour } from './card.js';

/** Header colour by what a card means, so the group learns to read the colour before the text. */
export const COLOUR = {
  /** Overdue items, refusals. */
  alert: 'red',
  /** Warnings, reminders, returned requests. */
  attention: 'orange',
  /** Done, approved, nothing missing. */
  done: 'green',
  /** Neutral queries and settings. */
  info: 'blue',
  /** Waiting for the office to sign off. */
  pending: 'turquoise',
  /** Nothing to act on (no card was waiting). */
  idle: 'grey',
  /** The year-end assessment, once a year. */
  yearly: 'violet',
} as const satisfies Record<string, HeaderColour>;
