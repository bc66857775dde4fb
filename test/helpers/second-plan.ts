import { readFileSync } from 'node:fs';

/** The seed notice (上犹县, 上营商〔2023〕1号) as the repo ships it. */
export const SEED_NOTICE = readFileSync(
  new URL('../../config/seed/shangyou-2022-rectification-plan.txt', import.meta.url),
  'utf8',
);

/** The 文号 of the second plan of the tests of many plans. */
export const SECOND_DOC_NO = '崇营商〔2023〕2号';

/**
 * A neighbouring county's copy of the seed (崇义县, 崇营商〔2023〕2号): the same indicators, units and
 * task codes, so a leak from one plan to the other would go unseen unless names and 文号 differ.
 */
export const SECOND_NOTICE = SEED_NOTICE.replaceAll('上营商〔2023〕1号', SECOND_DOC_NO).replaceAll(
  '上犹',
  '崇义',
);
