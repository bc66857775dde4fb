import type { FaultRule } from '../fake-lark.types.js';

/** A rule with its remaining uses. */
interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

/** Injected failures, consumed in the order they were added. */
export class FaultRules {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule, remaining: rule.times ?? 1 });
  }

  /** Takes one use of the first rule matching this call, if any. */
  take(method: string, path: string): FaultRule | undefined {
    const hit = this.rules.find((r) => r.remaining > 0 && matches(r.rule, method, path));
    if (!hit) return undefined;
    hit.remaining -= 1;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return hit.rule;
  }

  /** Rules that still have uses left. */
  pending(): FaultRule[] {
    return this.rules.map((r) => ({ ...r.rule, times: r.remaining }));
  }

  clear(): void {
    this.rules = [];
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
}
