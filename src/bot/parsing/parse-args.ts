import { DomainError } from '../../domain/errors.js';
import type { KpiValue } from '../../domain/reports/report.js';

/** A syntax error in a command, shown as is with the right form. */
export function badInput(message: string, usage: string): DomainError {
  return new DomainError('BAD_INPUT', `${message}\n正确格式：${usage}`);
}

const CODE = /^\d{1,2}\.\d{1,2}$/;

/** Whether a token looks like a task code `6.1`. */
export const isTaskCode = (token: string | undefined): boolean => token !== undefined && CODE.test(token);

/** The task code argument, or a reply naming what was typed instead. */
export function requireCode(token: string | undefined, usage: string): string {
  if (token !== undefined && isTaskCode(token)) return token;
  throw badInput(token ? `“${token.slice(0, 20)}”不是事项编号（形如 6.1）。` : '缺少事项编号。', usage);
}

/** `60%` → 60; undefined when the token is not a percent; an error for `abc%` or `六十%`. */
export function parsePercent(token: string, usage: string): number | undefined {
  if (!token.endsWith('%')) return undefined;
  const number = token.slice(0, -1);
  if (!/^-?\d+(\.\d+)?$/.test(number)) throw badInput(`进度“${token.slice(0, 20)}”不是数字百分比。`, usage);
  return Number(number);
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A percent at `tokens[i]`: `60%`, or `60 %` written with a space (full-width `６０ ％` arrives
 * half-width); how many tokens it took, or undefined when there is none there.
 */
export function readPercent(
  tokens: readonly string[],
  i: number,
  usage: string,
): { percent: number; taken: number } | undefined {
  const token = tokens[i];
  if (token === undefined) return undefined;
  if (NUMBER.test(token) && tokens[i + 1] === '%') return { percent: Number(token), taken: 2 };
  const percent = parsePercent(token, usage);
  return percent === undefined ? undefined : { percent, taken: 1 };
}

/** `网上办理率=88.5%` → {name, value}; undefined when the token has no `=`. */
export function parseKpiValue(token: string, usage: string): KpiValue | undefined {
  const eq = token.indexOf('=');
  if (eq <= 0) return undefined;
  const name = token.slice(0, eq);
  const match = /^(-?\d+(?:\.\d+)?)/.exec(token.slice(eq + 1));
  if (!match) throw badInput(`指标值“${token.slice(0, 30)}”应为数字，例如 网上办理率=88.5%。`, usage);
  return { name, value: Number(match[1]) };
}

/** `2023-09-30`, `2023/9/30`, `2023.9.30`, `2023年9月30日` → `2023-09-30`; the token itself otherwise. */
export function normalizeDate(token: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(token);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : token;
}
