import type { DomainDeps } from '../deps.js';
import { fail } from '../errors.js';
import { normalizeUnitName } from './unit-name.js';

/** The canonical unit a person typed (`县税务局`, `税务局`, `税务`), or a reply listing the units. */
export async function resolveUnit(deps: DomainDeps, typed: string): Promise<string> {
  const units = await deps.repos.units.list();
  const wanted = normalizeUnitName(typed);
  const exact = units.find((u) => u.name === wanted || u.aliases.includes(typed.trim()));
  if (exact) return exact.name;
  const partial = wanted.length >= 2 ? units.filter((u) => u.name.includes(wanted)) : [];
  const [only, ...others] = partial;
  if (only && others.length === 0) return only.name;
  const known = units.map((u) => u.name).join('、');
  return fail(
    'UNIT_NOT_FOUND',
    `没有名为“${typed.slice(0, 20)}”的责任单位。现有单位：${known || '（尚无）'}`,
  );
}
