/** Full names that mean a shorter canonical unit, after the county prefix is gone. */
const SYNONYMS: Readonly<Record<string, string>> = {
  人民法院: '法院',
};

/** Prefixes of national bodies' county branches, e.g. `国家税务总局上犹县税务局`. */
const NATIONAL_PREFIX = /^国家税务总局/;

/** `县…` or `上犹县…`: a county name is two or three characters before 县. */
const COUNTY_PREFIX = /^(?:[\u4e00-\u9fa5]{2,3})?县/;

/**
 * The canonical name of a responsible unit: `上犹县行政审批局`, `县行政审批局`, ` 行政审批局 ` → `行政审批局`.
 * Names without a county prefix (`供电公司`, `法院`, `金融服务中心`) are kept as written.
 */
export function normalizeUnitName(name: string): string {
  const compact = name.replace(/[\s\u3000]+/g, '').replace(NATIONAL_PREFIX, '');
  const stripped = stripCountyPrefix(compact);
  return SYNONYMS[stripped] ?? stripped;
}

/** The canonical name and its `县…` form, the two ways people write a unit in chat. */
export function unitAliases(name: string): string[] {
  const canonical = normalizeUnitName(name);
  return canonical === '' ? [] : [canonical, `县${canonical}`];
}

function stripCountyPrefix(name: string): string {
  const match = COUNTY_PREFIX.exec(name);
  if (!match) return name;
  const rest = name.slice(match[0].length);
  // 县委… (the Party committee) and a bare 县 are names of their own, not a prefix.
  if (rest.length < 2 || rest.startsWith('委')) return name;
  return rest;
}
