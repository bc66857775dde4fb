import { expect } from 'vitest';
import type { Card } from '../../../../src/render/card.js';
import { CARD_LIMIT_BYTES, cardBytes } from '../../../../src/render/fit.js';
import { cardProblems, countTables } from '../card-checks.js';

/** Card is valid for Lark: known components only, ≤ 5 tables, ≤ 30 KB, no undefined/null/NaN. */
export function expectValid(card: Card): void {
  expect(cardProblems(card)).toEqual([]);
}

/** A card built from a huge input was cut to fit and says so. */
export function expectFitted(card: Card): void {
  expect(cardBytes(card)).toBeLessThanOrEqual(CARD_LIMIT_BYTES);
  expect(countTables(card)).toBeLessThanOrEqual(5);
  expect(JSON.stringify(card)).toMatch(/另有 \d+ 项未显示/);
  expectValid(card);
}

/** User and plan text stays inert: no live @all, bold or link from it anywhere in the body. */
export function expectEscaped(card: Card): void {
  const body = JSON.stringify(card.body);
  expect(body).not.toContain('<at id=all>');
  expect(body).not.toContain('**加粗**');
  expect(body).not.toContain('[链接](');
  expect(body).toContain('&#42;&#42;加粗');
}

/** The open_ids @-mentioned in the card body, in order (the header is plain text and mentions nobody). */
export function mentionedIds(card: Card): string[] {
  return [...JSON.stringify(card.body).matchAll(/<at id=([^>]+)><\/at>/g)].map((m) => m[1]!);
}
