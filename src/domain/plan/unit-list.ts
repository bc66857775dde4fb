import { normalizeUnitName } from '../units/unit-name.js';

/** `牵头单位：A；配合单位：B`: the part after 配合单位 lists co-responsible units. */
const CO_UNITS = /[；;，,]?\s*(?:配合|协同|协助)(?:单位|部门)\s*[：:]/;

/** A `牵头单位：` label at the start of a unit list, as a table cell may carry it. */
const LEAD_LABEL = /^\s*(?:责任|牵头)(?:单位|部门)\s*[：:]/;

/** Units as a notice lists them, `A、B，C/D`: split, made canonical, duplicates and blanks dropped. */
export function splitUnits(list: string): string[] {
  return [...new Set(list.split(/[、，,；;/／\n]/).map(normalizeUnitName))].filter((u) => u !== '');
}

/** `A、B；配合单位：C` → lead A, B and co-responsible C (none when the list names no 配合单位). */
export function splitLeadAndCoUnits(list: string): { leadUnits: string[]; coUnits: string[] } {
  const [lead = '', co = ''] = list.replace(LEAD_LABEL, '').split(CO_UNITS);
  return { leadUnits: splitUnits(lead), coUnits: splitUnits(co) };
}
