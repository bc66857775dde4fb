import type { CardJson } from '../../../src/domain/messenger.js';

type Row = Record<string, string | number>;

/** The figures a card shows: its first markdown block without bold marks, and each table's rows. */
export function cardFigures(card: CardJson | unknown): { summary: string; tables: Row[][] } {
  const elements = (card as { body: { elements: { tag: string; content?: string; rows?: Row[] }[] } }).body
    .elements;
  const first = elements.find((e) => e.tag === 'markdown')?.content ?? '';
  return {
    summary: first.split('\n')[0]!.replace(/\*\*/g, ''),
    tables: elements.filter((e) => e.tag === 'table').map((e) => e.rows ?? []),
  };
}
