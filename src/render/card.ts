/** Header colours of a card JSON 2.0 (lark.md §2.6). */
export type HeaderColour =
  | 'blue'
  | 'wathet'
  | 'turquoise'
  | 'green'
  | 'yellow'
  | 'orange'
  | 'red'
  | 'carmine'
  | 'violet'
  | 'purple'
  | 'indigo'
  | 'grey'
  | 'default';

/** What a button or form press sends back: routed exactly like the typed command. */
export interface CommandValue {
  command: string;
}

/** Button styles of card 2.0 that the renderers use. */
export type ButtonType =
  | 'default'
  | 'primary'
  | 'danger'
  | 'text'
  | 'primary_text'
  | 'primary_filled'
  | 'danger_filled';

/** Text shown as typed, never parsed as markdown. */
export interface PlainText {
  tag: 'plain_text';
  content: string;
}

/** A card-markdown block (lark.md §7 subset). */
export interface MarkdownElement {
  tag: 'markdown';
  content: string;
}

/** A divider line. */
export interface HrElement {
  tag: 'hr';
}

/** A table column; `lark_md` cells take escaped markdown. */
export interface TableColumn {
  name: string;
  display_name: string;
  data_type: 'text' | 'lark_md' | 'number';
  /** `auto`, `Npx` (80–600) or `N%`. */
  width?: string;
}

/** One table row, keyed by column name. */
export type TableRow = Record<string, string | number>;

/** A paged table (root level only, at most 5 per card). */
export interface TableElement {
  tag: 'table';
  page_size: number;
  columns: TableColumn[];
  rows: TableRow[];
}

/** A callback button; inside a form it submits the form. */
export interface ButtonElement {
  tag: 'button';
  name?: string;
  text: PlainText;
  type: ButtonType;
  form_action_type?: 'submit';
  behaviors: ({ type: 'callback'; value: CommandValue } | OpenUrlBehavior)[];
}

/** A button's link: `default_url` everywhere, `pc_url` on the desktop client. */
export interface OpenUrlBehavior {
  type: 'open_url';
  default_url: string;
  pc_url?: string;
}

/** A text input inside a form. */
export interface InputElement {
  tag: 'input';
  name: string;
  required: boolean;
  placeholder: PlainText;
}

/** One column of a column set. */
export interface ColumnElement {
  tag: 'column';
  width: 'auto' | 'weighted';
  elements: CardElement[];
}

/** Columns side by side (used for rows of buttons). */
export interface ColumnSetElement {
  tag: 'column_set';
  flex_mode: 'flow' | 'none';
  columns: ColumnElement[];
}

/** A form (root level only) whose submit sends its inputs with the button's value. */
export interface FormElement {
  tag: 'form';
  name: string;
  elements: (MarkdownElement | InputElement | ButtonElement)[];
}

/** The root-level components the renderers use. */
export type CardElement =
  | MarkdownElement
  | HrElement
  | TableElement
  | ButtonElement
  | ColumnSetElement
  | FormElement;

/** A card in JSON 2.0, ready to be `JSON.stringify`-ed as an interactive message's content. */
export interface Card {
  schema: '2.0';
  config: { update_multi: true; width_mode: 'fill' };
  header: { title: PlainText; subtitle?: PlainText; template: HeaderColour };
  body: { elements: CardElement[] };
}

/** Longest header title or subtitle we send; the header does not wrap well on phones. */
const MAX_HEADER_CHARS = 60;

function plain(content: string): PlainText {
  const flat = content.replace(/\s+/g, ' ').trim();
  return {
    tag: 'plain_text',
    content: flat.length > MAX_HEADER_CHARS ? `${flat.slice(0, MAX_HEADER_CHARS - 1)}…` : flat,
  };
}

/** A card 2.0 skeleton; title and subtitle are plain text, so they need no escaping. */
export function card(input: {
  title: string;
  subtitle?: string;
  template: HeaderColour;
  elements: CardElement[];
}): Card {
  const header: Card['header'] = { title: plain(input.title), template: input.template };
  if (input.subtitle) header.subtitle = plain(input.subtitle);
  return {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill' },
    header,
    body: { elements: input.elements },
  };
}

/** A markdown block; the caller escapes any user or plan text inside with `escapeMd`. */
export function markdown(content: string): MarkdownElement {
  return { tag: 'markdown', content };
}

/** A divider. */
export function hr(): HrElement {
  return { tag: 'hr' };
}

/** A paged table; `pageSize` is clamped to Lark's 1–10. At most 5 tables fit in one card. */
export function table(input: { columns: TableColumn[]; rows: TableRow[]; pageSize?: number }): TableElement {
  const pageSize = Math.min(10, Math.max(1, Math.round(input.pageSize ?? 10)));
  return { tag: 'table', page_size: pageSize, columns: input.columns, rows: input.rows };
}

/** A button whose press is routed like the typed `value.command`. */
export function button(input: { text: string; type?: ButtonType; value: CommandValue }): ButtonElement {
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: input.text },
    type: input.type ?? 'default',
    behaviors: [{ type: 'callback', value: { command: input.value.command } }],
  };
}

/** A button that opens a web page (Lark opens an https link in its in-app browser). */
export function linkButton(input: {
  text: string;
  type?: ButtonType;
  url: string;
  pcUrl?: string;
}): ButtonElement {
  const behavior: OpenUrlBehavior = { type: 'open_url', default_url: input.url };
  if (input.pcUrl) behavior.pc_url = input.pcUrl;
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: input.text },
    type: input.type ?? 'default',
    behaviors: [behavior],
  };
}

/** Buttons side by side, wrapping on narrow screens. */
export function buttonRow(buttons: ButtonElement[]): ColumnSetElement {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })),
  };
}

/**
 * A form with one required text input named `note` and a submit button; the router appends
 * `form_value.note` to `command`, so submitting equals typing `<command> <note>`.
 */
export function commandForm(input: {
  name: string;
  command: string;
  placeholder: string;
  submitText: string;
  submitType?: ButtonType;
}): FormElement {
  return {
    tag: 'form',
    name: input.name,
    elements: [
      {
        tag: 'input',
        name: 'note',
        required: true,
        placeholder: { tag: 'plain_text', content: input.placeholder },
      },
      {
        tag: 'button',
        name: `${input.name}_submit`,
        text: { tag: 'plain_text', content: input.submitText },
        type: input.submitType ?? 'primary',
        form_action_type: 'submit',
        behaviors: [{ type: 'callback', value: { command: input.command } }],
      },
    ],
  };
}

/** The 申请销号 form of a task: submitting sends `/申请销号 6.1 <note>`. */
export function signoffForm(code: string): FormElement {
  return commandForm({
    name: 'signoff_form',
    command: `/申请销号 ${code}`,
    placeholder: '请填写完成情况说明（必填）',
    submitText: '申请销号',
  });
}

export { escapeMd, mention } from './markdown.js';
