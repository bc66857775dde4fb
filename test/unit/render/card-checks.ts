import type { Card, CardElement } from '../../../src/render/card.js';
import { CARD_LIMIT_BYTES, cardBytes } from '../../../src/render/fit.js';

/** Properties each component may carry: card JSON 2.0 rejects unknown ones (lark.md §2.6). */
const ALLOWED: Record<string, string[]> = {
  markdown: ['tag', 'content'],
  hr: ['tag'],
  table: ['tag', 'page_size', 'columns', 'rows'],
  button: ['tag', 'name', 'text', 'type', 'form_action_type', 'behaviors'],
  column_set: ['tag', 'flex_mode', 'columns'],
  column: ['tag', 'width', 'elements'],
  form: ['tag', 'name', 'elements'],
  input: ['tag', 'name', 'required', 'placeholder'],
};

const COLOURS =
  'blue wathet turquoise green yellow orange red carmine violet purple indigo grey default'.split(' ');
const BUTTON_TYPES =
  'default primary danger text primary_text danger_text primary_filled danger_filled laser'.split(' ');

type Node = { tag: string; [key: string]: unknown };

function checkButton(node: Node, inForm: boolean, problems: string[]): void {
  if (!BUTTON_TYPES.includes(node.type as string)) problems.push(`button type ${String(node.type)}`);
  const behaviors = node.behaviors as { type: string; value: Record<string, unknown> }[];
  const value = behaviors?.[0]?.value ?? {};
  if (behaviors?.length !== 1 || behaviors[0]!.type !== 'callback')
    problems.push('button needs one callback');
  if (Object.keys(value).join() !== 'command' || !String(value.command).startsWith('/')) {
    problems.push(`button value ${JSON.stringify(value)}`);
  }
  if (inForm && (node.form_action_type !== 'submit' || !node.name))
    problems.push('form button needs name + submit');
}

function checkTable(node: Node, problems: string[]): void {
  const pageSize = node.page_size as number;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10) problems.push(`page_size ${pageSize}`);
  const columns = node.columns as { name: string; data_type: string; width?: string }[];
  for (const c of columns) {
    const px = /^(\d+)px$/.exec(c.width ?? 'auto');
    if (
      !/^(auto|\d+px|\d+%)$/.test(c.width ?? 'auto') ||
      (px && (Number(px[1]) < 80 || Number(px[1]) > 600))
    ) {
      problems.push(`column width ${c.width}`);
    }
  }
  for (const row of node.rows as Record<string, unknown>[]) {
    for (const [key, value] of Object.entries(row)) {
      const column = columns.find((c) => c.name === key);
      if (!column) problems.push(`row key ${key} has no column`);
      else if ((column.data_type === 'number') !== (typeof value === 'number'))
        problems.push(`cell ${key}=${value}`);
    }
  }
}

function walk(node: Node, depth: number, inForm: boolean, problems: string[]): void {
  const allowed = ALLOWED[node.tag];
  if (!allowed) return void problems.push(`unknown tag ${node.tag}`);
  for (const key of Object.keys(node))
    if (!allowed.includes(key)) problems.push(`${node.tag}.${key} is not allowed`);
  if ((node.tag === 'table' || node.tag === 'form') && depth > 0) problems.push(`${node.tag} nested`);
  if (node.tag === 'table') checkTable(node, problems);
  if (node.tag === 'button') checkButton(node, inForm, problems);
  if (node.tag === 'input' && node.name !== 'note') problems.push('form input must be named note');
  const children = [
    ...((node.elements as Node[]) ?? []),
    ...(node.tag === 'column_set' ? (node.columns as Node[]) : []),
  ];
  for (const child of children) walk(child, depth + 1, inForm || node.tag === 'form', problems);
}

/** What is wrong with a card as Lark would see it; empty when it is fine. */
export function cardProblems(card: Card): string[] {
  const problems: string[] = [];
  const json = JSON.stringify(card);
  if (Object.keys(card).join() !== 'schema,config,header,body')
    problems.push(`top-level keys ${Object.keys(card)}`);
  if (card.schema !== '2.0' || card.config.update_multi !== true)
    problems.push('not a 2.0 card with update_multi');
  if (!COLOURS.includes(card.header.template)) problems.push(`colour ${card.header.template}`);
  if (!card.header.title.content) problems.push('empty title');
  const elements = card.body.elements as unknown as Node[];
  for (const element of elements) walk(element, 0, false, problems);
  const tables = countTables(card);
  if (tables > 5) problems.push(`${tables} tables`);
  const forms = elements.filter((e) => e.tag === 'form').map((e) => e.name);
  if (new Set(forms).size !== forms.length) problems.push('form names repeat');
  if (/undefined|null|NaN|\[object Object\]/.test(json)) problems.push('undefined/null/NaN in output');
  if (cardBytes(card) > CARD_LIMIT_BYTES) problems.push(`${cardBytes(card)} bytes`);
  return problems;
}

/** Tables at the card's root (the only place they may be). */
export function countTables(card: Card): number {
  return card.body.elements.filter((e: CardElement) => e.tag === 'table').length;
}

/** Every button and form submit value in the card, in order. */
export function commandsOf(card: Card): string[] {
  const json = JSON.stringify(card);
  return [...json.matchAll(/"command":"([^"]*)"/g)].map((m) => m[1]!);
}
