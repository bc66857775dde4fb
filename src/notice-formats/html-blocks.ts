import type { DefaultTreeAdapterTypes } from 'parse5';
import { findTaskTableHeader } from '../domain/plan/task-table.parser.js';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/** A paragraph of text, or a task table (rows of cell text, merged cells filled with their value). */
export type Block = { kind: 'text'; text: string } | { kind: 'table'; rows: string[][] };

/** Elements whose content is never part of a notice. */
export const SKIPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'select',
  'button',
  'iframe',
  'svg',
  'object',
]);

/** Elements that end a line of text. */
const BREAKS = new Set([
  'address',
  'article',
  'blockquote',
  'br',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);

export function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

export function childrenOf(node: Node): Node[] {
  return 'childNodes' in node ? node.childNodes : [];
}

/** An element's attribute, if set. */
export function attributeOf(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

/**
 * The paragraphs and task tables under `root`, in reading order: block elements and `<br>` end a
 * line, a table with a task-list header (序号 / 指标 / 问题 / 整改措施 / 责任单位 / 完成时限) becomes
 * a table block with its `rowspan`/`colspan` cells filled, any other table (page layout) is read as text.
 */
export function readBlocks(root: Node): Block[] {
  const blocks: Block[] = [];
  let line = '';
  const flush = () => {
    const text = line.trim();
    if (text !== '') blocks.push({ kind: 'text', text });
    line = '';
  };
  const walk = (node: Node): void => {
    if (node.nodeName === '#text') {
      line += (node as DefaultTreeAdapterTypes.TextNode).value.replace(/[\r\n\t ]+/g, ' ');
      return;
    }
    if (!isElement(node)) {
      for (const child of childrenOf(node)) walk(child);
      return;
    }
    if (SKIPPED_ELEMENTS.has(node.tagName)) return;
    if (node.tagName === 'table') {
      const rows = readTable(node);
      if (findTaskTableHeader(rows) !== undefined) {
        flush();
        blocks.push({ kind: 'table', rows });
        return;
      }
    }
    const breaks = BREAKS.has(node.tagName);
    if (breaks) flush();
    for (const child of childrenOf(node)) walk(child);
    if (breaks) flush();
  };
  walk(root);
  flush();
  return blocks;
}

/** The rows of a table as a grid: a cell spanning rows or columns fills every slot it covers. */
function readTable(table: Element): string[][] {
  const grid: string[][] = [];
  rowsOf(table).forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of childrenOf(row).filter(isElement)) {
      if (cell.tagName !== 'td' && cell.tagName !== 'th') continue;
      while (grid[r]?.[c] !== undefined) c += 1;
      const text = cellText(cell);
      const rowSpan = span(attributeOf(cell, 'rowspan'));
      const colSpan = span(attributeOf(cell, 'colspan'));
      for (let dr = 0; dr < rowSpan; dr += 1) {
        const target = grid[r + dr] ?? [];
        for (let dc = 0; dc < colSpan; dc += 1) target[c + dc] = text;
        grid[r + dr] = target;
      }
      c += colSpan;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
}

/** The `<tr>` of a table, through `thead`/`tbody`/`tfoot` but not into nested tables. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of childrenOf(table).filter(isElement)) {
    if (child.tagName === 'tr') rows.push(child);
    else if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) rows.push(...rowsOf(child));
  }
  return rows;
}

/** A cell's text, its paragraphs on separate lines. */
function cellText(cell: Element): string {
  return readBlocks(cell)
    .map((block) => (block.kind === 'text' ? block.text : block.rows.map((r) => r.join(' ')).join('\n')))
    .join('\n');
}

function span(value: string | undefined): number {
  const n = Number(value ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : 1;
}
