import { describe, expect, it } from 'vitest';
import { atLocal } from '../../../../src/domain/clock.js';
import type { Report } from '../../../../src/domain/reports/report.js';
import { bulletinAsOf, dataAsOf } from '../../../../src/domain/supervision/as-of.js';
import type { Warning } from '../../../../src/domain/warnings/warning.js';
import { buildTask } from '../../render/fixtures.js';

const report = (code: string, at: string): Report => ({
  id: `${code}-${at}`,
  planId: 'p',
  taskCode: code,
  unit: '税务局',
  period: at.slice(0, 7),
  text: '进展',
  kpiValues: [],
  reporterOpenId: 'ou',
  messageId: `${code}-${at}`,
  createdAt: atLocal(at),
});

describe('bulletinAsOf', () => {
  it('is now while the month runs, its report day end once it is over', () => {
    const now = atLocal('2023-06-01 10:00');
    expect(bulletinAsOf('2023-06', 25, now, '2023-06')).toBe(now);
    expect(bulletinAsOf('2023-05', 25, now, '2023-06')).toEqual(atLocal('2023-05-25 23:59:59.999'));
  });
});

describe('dataAsOf', () => {
  it('undoes what happened later: reports, sign-offs, extensions, cards and revocations', () => {
    const asOf = atLocal('2023-05-25 23:59:59');
    const closedLater = buildTask({ code: '6.1', state: 'closed', closedAt: atLocal('2023-06-02 10:00') });
    const extendedLater = buildTask({
      code: '6.2',
      deadline: '2023-09-30',
      state: 'in_progress',
      deadlineHistory: [
        { from: '2023-05-31', to: '2023-09-30', reason: '汛期', by: 'ou', at: atLocal('2023-06-03 10:00') },
      ],
    });
    const warning = (id: string, issued: string, revoked?: string): Warning => ({
      id,
      planId: 'p',
      unit: '税务局',
      kind: 'manual',
      period: '2023-05',
      reason: '测试',
      key: id,
      issuedAt: atLocal(issued),
      issuedBy: 'ou',
      ...(revoked ? { revokedAt: atLocal(revoked), revokedBy: 'ou', revokeReason: '核实' } : {}),
    });
    const data = dataAsOf(
      {
        tasks: [closedLater, extendedLater],
        reports: [report('6.1', '2023-05-20 10:00'), report('6.2', '2023-06-01 10:00')],
        warnings: [warning('A', '2023-05-10 10:00', '2023-06-05 10:00'), warning('B', '2023-06-01 09:00')],
      },
      asOf,
    );
    expect(data.reports.map((r) => r.taskCode)).toEqual(['6.1']);
    expect(data.tasks[0]).toMatchObject({ state: 'in_progress', closedAt: undefined });
    expect(data.tasks[1]).toMatchObject({ state: 'open', deadline: '2023-05-31' });
    expect(data.warnings.map((w) => [w.id, w.revokedAt])).toEqual([['A', undefined]]);
  });
});
