import { describe, expect, it } from 'vitest';
import { type Card, card, markdown, type TableRow, table } from '../../../src/render/card.js';
import { CARD_LIMIT_BYTES, cardBytes, fitCard, omittedNote, truncatedList } from '../../../src/render/fit.js';
import { cardProblems } from './card-checks.js';

const columns = [
  { name: 'code', display_name: '编号', data_type: 'text' as const },
  { name: 'text', display_name: '内容', data_type: 'lark_md' as const },
];

function rows(count: number): TableRow[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `6.${i + 1}`,
    text: `第 ${i + 1} 项整改事项的最新进展说明`,
  }));
}

function bigTableCard(count: number): Card {
  return card({
    title: '逾期事项',
    template: 'red',
    elements: [markdown('说明'), table({ columns, rows: rows(count) })],
  });
}

function omitted(built: Card): number[] {
  return [...JSON.stringify(built).matchAll(/另有 (\d+) 项未显示/g)].map((m) => Number(m[1]));
}

describe('fitCard', () => {
  it('returns a card that already fits unchanged', () => {
    const small = bigTableCard(3);
    expect(fitCard(small)).toBe(small);
  });

  it('cuts a 10,000-row table under the limit and says how many rows were left out', () => {
    const input = bigTableCard(10_000);
    const fitted = fitCard(input);
    expect(cardBytes(fitted)).toBeLessThanOrEqual(28_000);
    const tableEl = fitted.body.elements.find((e) => e.tag === 'table');
    const kept = tableEl?.tag === 'table' ? tableEl.rows.length : 0;
    expect(kept).toBeGreaterThan(100);
    expect(omitted(fitted)).toEqual([10_000 - kept]);
    expect(fitted.body.elements[2]).toEqual(markdown(omittedNote(10_000 - kept)));
    expect(cardProblems(fitted)).toEqual([]);
  });

  it('does not change the card it was given', () => {
    const input = bigTableCard(2_000);
    const before = JSON.stringify(input);
    fitCard(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('drops list lines from the end of the biggest markdown block', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `- 第 ${i + 1} 个单位未报送`);
    const fitted = fitCard(
      card({ title: '未报', template: 'orange', elements: [markdown(['**名单**', ...lines].join('\n'))] }),
      10_000,
    );
    const content = fitted.body.elements[0]?.tag === 'markdown' ? fitted.body.elements[0].content : '';
    const shown = content.split('\n').filter((l) => l.startsWith('- ')).length;
    expect(cardBytes(fitted)).toBeLessThanOrEqual(10_000);
    expect(content.startsWith('**名单**\n- 第 1 个单位未报送')).toBe(true);
    expect(omitted(fitted)).toEqual([10_000 - shown]);
  });

  it('grows an earlier omitted note instead of adding a second one', () => {
    const once = fitCard(bigTableCard(5_000), 20_000);
    const twice = fitCard(once, 10_000);
    const tableEl = twice.body.elements.find((e) => e.tag === 'table');
    const kept = tableEl?.tag === 'table' ? tableEl.rows.length : 0;
    expect(omitted(twice)).toEqual([5_000 - kept]);
  });

  it('cuts one oversized text when nothing can lose a line', () => {
    const fitted = fitCard(
      card({ title: '进展', template: 'green', elements: [markdown('很长'.repeat(20_000))] }),
    );
    expect(cardBytes(fitted)).toBeLessThanOrEqual(28_000);
    expect(cardBytes(fitted)).toBeLessThan(CARD_LIMIT_BYTES);
  });
});

describe('truncatedList', () => {
  it('keeps every line when they fit', () => {
    expect(truncatedList(['a', 'b'], 100)).toBe('a\nb');
  });

  it('keeps what fits in the budget and notes the rest', () => {
    const lines = Array.from({ length: 1_000 }, (_, i) => `- 第 ${i + 1} 项`);
    const list = truncatedList(lines, 2_000);
    const kept = list.split('\n').filter((l) => l.startsWith('- ')).length;
    expect(Buffer.byteLength(JSON.stringify(list))).toBeLessThanOrEqual(2_000);
    expect(list.endsWith(omittedNote(1_000 - kept))).toBe(true);
  });

  it('lets fitCard grow its note when it cuts further', () => {
    const lines = Array.from({ length: 1_000 }, (_, i) => `- 第 ${i + 1} 项整改事项`);
    const content = ['**名单**', truncatedList(lines, 20_000)].join('\n');
    const fitted = fitCard(card({ title: 't', template: 'blue', elements: [markdown(content)] }), 5_000);
    const text = JSON.stringify(fitted);
    const shown = (text.match(/- 第 \d+ 项整改事项/g) ?? []).length;
    expect(omitted(fitted)).toEqual([1_000 - shown]);
  });
});

describe('fitCard measures the request body (lark.md §10)', () => {
  /** The create body the messenger sends, with the longest ids Lark uses. */
  const requestBody = (built: Card) =>
    Buffer.byteLength(
      JSON.stringify({
        receive_id: `oc_${'a'.repeat(32)}`,
        msg_type: 'interactive',
        content: JSON.stringify(built),
        uuid: 'u'.repeat(50),
      }),
    );

  it('keeps a card of many short, quote-heavy rows under 30,000 bytes of request body', () => {
    // Many short rows: each cell's quotes and the row's braces grow when escaped into `content`.
    const many = Array.from({ length: 5_000 }, (_, i) => ({ code: `${i}`, text: `"${i}"` }));
    const fitted = fitCard(
      card({ title: 't', template: 'blue', elements: [table({ columns, rows: many })] }),
    );
    expect(Buffer.byteLength(JSON.stringify(fitted))).toBeLessThan(28_000);
    expect(requestBody(fitted)).toBeLessThanOrEqual(28_000);
    expect(cardBytes(fitted)).toBeGreaterThanOrEqual(requestBody(fitted));
  });

  it('counts escaped newlines of markdown lines', () => {
    const lines = Array.from({ length: 6_000 }, (_, i) => `- ${i}`).join('\n');
    const fitted = fitCard(card({ title: 't', template: 'blue', elements: [markdown(lines)] }));
    expect(requestBody(fitted)).toBeLessThanOrEqual(28_000);
    expect(requestBody(fitted)).toBeLessThanOrEqual(CARD_LIMIT_BYTES);
  });
});
