import {
  BEHAVIOR_TYPES,
  BODY_PROPS,
  BUTTON_SIZES,
  BUTTON_TYPES,
  COMPONENT_PROPS,
  CONFIG_PROPS,
  FLEX_MODES,
  FORM_ACTION_TYPES,
  HEADER_PROPS,
  HEADER_TEMPLATES,
  MAX_ELEMENTS,
  MAX_NESTING,
  MAX_TABLE_COLUMNS,
  MAX_TABLES,
  NAMED_IN_FORM,
  OTHER_TAGS,
  ROOT_PROPS,
  TABLE_COLUMN_PROPS,
  TABLE_DATA_TYPES,
  TEXT_PROPS,
  TEXT_TAGS,
  WIDTH_MODES,
} from './card-schema.js';

/** What the validator needs to know about the chat the card goes to. */
export interface CardContext {
  /** true when `openId` may be @-mentioned in this chat (a member, or the bot itself) */
  canMention(openId: string): boolean;
}

/** Why a card was refused: `kind` picks the answer, `detail` goes into `msg`. */
export interface CardProblem {
  kind: 'invalid_card' | 'invalid_mention';
  detail: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `<at id=…>`, `<at ids=a,b>` (card markdown, lark.md §2.4); `email=` mentions are not checked. */
const AT_IDS = /<at\s+ids?=["']?([^"'\s>]+)["']?\s*>/g;

/**
 * Checks a card as Lark builds it: a 2.0 card (`schema: "2.0"`) must use only documented tags and
 * properties, stay within the element and table limits, keep tables and forms at the root, use
 * unique names in forms, and mention only people of the chat. 1.0 cards (no schema) and the empty
 * card `{}` are accepted, as Lark accepts them. Returns the first problem, or null.
 */
export function validateCard(card: unknown, context: CardContext): CardProblem | null {
  if (!isObject(card)) return invalid('card must be a JSON object');
  if (card.type === 'template') return null;
  if (card.schema !== '2.0') return null;
  const walker = new Walker(context);
  try {
    walker.root(card);
  } catch (thrown) {
    if (thrown instanceof Refusal) return thrown.problem;
    throw thrown;
  }
  return null;
}

class Refusal extends Error {
  constructor(readonly problem: CardProblem) {
    super(problem.detail);
  }
}

function invalid(detail: string): CardProblem {
  return { kind: 'invalid_card', detail };
}

function refuse(detail: string): never {
  throw new Refusal(invalid(detail));
}

function onlyProps(node: Json, allowed: string[], where: string): void {
  for (const key of Object.keys(node)) {
    if (!allowed.includes(key)) refuse(`${where}: unsupported property "${key}"`);
  }
}

function oneOf(value: unknown, allowed: string[], where: string): void {
  if (value !== undefined && !allowed.includes(value as string))
    refuse(`${where}: invalid value ${JSON.stringify(value)}`);
}

class Walker {
  private elements = 0;
  private tables = 0;
  private readonly names = new Set<string>();

  constructor(private readonly context: CardContext) {}

  root(card: Json): void {
    onlyProps(card, ROOT_PROPS, 'card');
    if (card.config !== undefined) this.config(card.config);
    if (card.header !== undefined) this.header(card.header);
    if (card.body === undefined) return;
    if (!isObject(card.body)) refuse('body must be an object');
    onlyProps(card.body, BODY_PROPS, 'body');
    const elements = card.body.elements ?? [];
    if (!Array.isArray(elements)) refuse('body.elements must be an array');
    elements.forEach((element, i) => {
      this.component(element, `body.elements[${i}]`, 0, undefined);
    });
  }

  private config(config: unknown): void {
    if (!isObject(config)) refuse('config must be an object');
    onlyProps(config, CONFIG_PROPS, 'config');
    // 2.0 cards are shared cards only (card-json-v2-breaking-changes-release-notes).
    if (config.update_multi !== undefined && config.update_multi !== true)
      refuse('config.update_multi: JSON 2.0 supports only true');
    oneOf(config.width_mode, WIDTH_MODES, 'config.width_mode');
  }

  private header(header: unknown): void {
    if (!isObject(header)) refuse('header must be an object');
    onlyProps(header, HEADER_PROPS, 'header');
    this.text(header.title, 'header.title', true);
    if (header.subtitle !== undefined) this.text(header.subtitle, 'header.subtitle', false);
    oneOf(header.template, HEADER_TEMPLATES, 'header.template');
  }

  private text(text: unknown, where: string, required: boolean): void {
    if (text === undefined && !required) return;
    if (!isObject(text)) refuse(`${where} must be a text object`);
    onlyProps(text, TEXT_PROPS, where);
    oneOf(text.tag, TEXT_TAGS, `${where}.tag`);
    if (text.tag === undefined) refuse(`${where}.tag is required`);
    if (text.content !== undefined && typeof text.content !== 'string')
      refuse(`${where}.content must be a string`);
    if (text.tag === 'lark_md' && typeof text.content === 'string') this.mentions(text.content, where);
  }

  /** `depth` counts enclosing containers; `form` is the enclosing form's name, if any. */
  private component(node: unknown, where: string, depth: number, form: string | undefined): void {
    if (!isObject(node) || typeof node.tag !== 'string') refuse(`${where}: a component needs a tag`);
    const tag = node.tag;
    this.elements += 1;
    if (this.elements > MAX_ELEMENTS) refuse(`card has more than ${MAX_ELEMENTS} elements`);
    if (form !== undefined && NAMED_IN_FORM.has(tag)) this.formName(node, where);
    const allowed = COMPONENT_PROPS[tag];
    if (!allowed) {
      if (OTHER_TAGS.includes(tag)) return;
      refuse(`${where}: unknown tag "${tag}"`);
    }
    onlyProps(node, allowed, `${where} (${tag})`);
    switch (tag) {
      case 'markdown':
        if (typeof node.content !== 'string') refuse(`${where}: markdown needs a content string`);
        this.mentions(node.content, where);
        return;
      case 'hr':
        return;
      case 'table':
        if (depth > 0) refuse(`${where}: a table may only be placed at the root of the card`);
        this.table(node, where);
        return;
      case 'form':
        if (depth > 0) refuse(`${where}: a form may only be placed at the root of the card`);
        this.form(node, where, depth);
        return;
      case 'column_set':
        this.columnSet(node, where, depth, form);
        return;
      case 'button':
        this.button(node, where, form);
        return;
      case 'input':
        if (node.placeholder !== undefined) this.text(node.placeholder, `${where}.placeholder`, false);
        if (node.required !== undefined && form === undefined)
          refuse(`${where}: required is only valid inside a form`);
        return;
      case 'column':
        refuse(`${where}: a column may only be placed in a column_set`);
    }
  }

  private formName(node: Json, where: string): void {
    // Inside a form, each interactive component needs a name unique in the whole card (input page).
    if (typeof node.name !== 'string' || node.name === '')
      refuse(`${where}: a component in a form needs a name`);
    this.uniqueName(node.name, where);
  }

  private uniqueName(name: string, where: string): void {
    if (this.names.has(name)) refuse(`${where}: name "${name}" is used twice in the card`);
    this.names.add(name);
  }

  private table(node: Json, where: string): void {
    this.tables += 1;
    if (this.tables > MAX_TABLES) refuse(`card has more than ${MAX_TABLES} tables`);
    const pageSize = node.page_size;
    if (
      pageSize !== undefined &&
      (!Number.isInteger(pageSize) || (pageSize as number) < 1 || (pageSize as number) > 10)
    )
      refuse(`${where}: page_size must be an integer in [1,10], got ${JSON.stringify(pageSize)}`);
    if (!Array.isArray(node.columns)) refuse(`${where}: table needs columns`);
    if (node.columns.length > MAX_TABLE_COLUMNS) refuse(`${where}: more than ${MAX_TABLE_COLUMNS} columns`);
    const lookups: string[] = [];
    node.columns.forEach((column, i) => {
      if (!isObject(column)) refuse(`${where}.columns[${i}] must be an object`);
      onlyProps(column, TABLE_COLUMN_PROPS, `${where}.columns[${i}]`);
      if (typeof column.name !== 'string' || column.name === '')
        refuse(`${where}.columns[${i}]: name is required`);
      oneOf(column.data_type, TABLE_DATA_TYPES, `${where}.columns[${i}].data_type`);
      if (column.data_type === 'lark_md' || column.data_type === 'markdown') lookups.push(column.name);
    });
    if (!Array.isArray(node.rows)) refuse(`${where}: table needs rows`);
    for (const row of node.rows) {
      if (!isObject(row)) refuse(`${where}: each row must be an object`);
      for (const name of lookups) {
        if (typeof row[name] === 'string') this.mentions(row[name] as string, where);
      }
    }
  }

  private form(node: Json, where: string, depth: number): void {
    if (typeof node.name !== 'string' || node.name === '') refuse(`${where}: a form needs a name`);
    this.uniqueName(node.name, where);
    const elements = node.elements ?? [];
    if (!Array.isArray(elements)) refuse(`${where}: elements must be an array`);
    elements.forEach((child, i) => {
      this.component(child, `${where}.elements[${i}]`, depth + 1, node.name as string);
    });
  }

  private columnSet(node: Json, where: string, depth: number, form: string | undefined): void {
    if (depth + 1 > MAX_NESTING) refuse(`${where}: containers nest more than ${MAX_NESTING} levels`);
    oneOf(node.flex_mode, FLEX_MODES, `${where}.flex_mode`);
    const columns = node.columns ?? [];
    if (!Array.isArray(columns)) refuse(`${where}: columns must be an array`);
    columns.forEach((column, i) => {
      const at = `${where}.columns[${i}]`;
      if (!isObject(column) || column.tag !== 'column') refuse(`${at}: a column_set holds only columns`);
      this.elements += 1;
      if (this.elements > MAX_ELEMENTS) refuse(`card has more than ${MAX_ELEMENTS} elements`);
      onlyProps(column, COMPONENT_PROPS.column!, `${at} (column)`);
      const width = column.width;
      if (width !== undefined && width !== 'auto' && width !== 'weighted') {
        const px = /^(\d+)px$/.exec(String(width));
        if (!px || Number(px[1]) < 16 || Number(px[1]) > 600)
          refuse(`${at}.width: auto, weighted or [16,600]px, got ${JSON.stringify(width)}`);
      }
      if (
        column.weight !== undefined &&
        (!Number.isInteger(column.weight) || (column.weight as number) < 1 || (column.weight as number) > 5)
      )
        refuse(`${at}.weight must be an integer in [1,5]`);
      const elements = column.elements ?? [];
      if (!Array.isArray(elements)) refuse(`${at}: elements must be an array`);
      elements.forEach((child, k) => {
        this.component(child, `${at}.elements[${k}]`, depth + 1, form);
      });
    });
  }

  private button(node: Json, where: string, form: string | undefined): void {
    oneOf(node.type, BUTTON_TYPES, `${where}.type`);
    oneOf(node.size, BUTTON_SIZES, `${where}.size`);
    if (node.text !== undefined) this.text(node.text, `${where}.text`, false);
    if (node.form_action_type !== undefined) {
      if (form === undefined) refuse(`${where}: form_action_type is only valid inside a form`);
      oneOf(node.form_action_type, FORM_ACTION_TYPES, `${where}.form_action_type`);
    }
    if (node.behaviors !== undefined) {
      if (!Array.isArray(node.behaviors)) refuse(`${where}.behaviors must be an array`);
      for (const behavior of node.behaviors) {
        if (!isObject(behavior)) refuse(`${where}.behaviors: each behavior is an object`);
        oneOf(behavior.type, BEHAVIOR_TYPES, `${where}.behaviors[].type`);
      }
    }
  }

  private mentions(content: string, where: string): void {
    for (const match of content.matchAll(AT_IDS)) {
      for (const id of match[1]!.split(',')) {
        if (id === 'all' || this.context.canMention(id)) continue;
        throw new Refusal({
          kind: 'invalid_mention',
          detail: `${where}: <at id=${id}> is not a member of the chat`,
        });
      }
    }
  }
}
