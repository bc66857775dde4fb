import { describe, expect, it } from 'vitest';
import { atLocal } from '../../../../src/domain/clock.js';
import { signedOffNote, signoffDecision } from '../../../../src/domain/tasks/signoff-decision.js';
import { buildTask } from '../../render/fixtures.js';

const at = atLocal('2023-06-10 10:01');

describe('the one reader of a sign-off decision', () => {
  it('says who signed a task off and when', () => {
    const task = buildTask({
      code: '13.2',
      state: 'closed',
      lastChange: { action: 'signoff.approve', by: 'ou_office', byName: '高志平', at },
    });
    expect(signoffDecision(task)).toEqual({ byName: '高志平', at, outcome: '已销号' });
    expect(signedOffNote(task)).toBe('已由 高志平 于 06-10 10:01 销号');
  });

  it('reads a return as a decision but not as a sign-off', () => {
    const task = buildTask({
      code: '6.1',
      state: 'in_progress',
      lastChange: { action: 'signoff.return', by: 'ou_office', at },
    });
    expect(signoffDecision(task)).toEqual({ byName: '督办员', at, outcome: '已退回' });
    expect(signedOffNote(task)).toBe('已销号');
  });

  it('knows no decision when the latest change was something else', () => {
    const task = buildTask({
      code: '6.1',
      state: 'closed',
      lastChange: { action: 'plan.import', by: 'system', at },
    });
    expect(signoffDecision(task)).toBeUndefined();
    expect(signedOffNote(task)).toBe('已销号');
  });
});
