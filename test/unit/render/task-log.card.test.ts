import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/domain/audit/audit-entry.js';
import { atLocal } from '../../../src/domain/clock.js';
import { renderTaskLogCard } from '../../../src/render/task-log.card.js';
import { buildTask, HOSTILE } from './fixtures.js';
import { expectEscaped, expectValid } from './supervision/checks.js';

const task = buildTask({ code: '6.1' });
const entries: AuditEntry[] = [
  {
    at: atLocal('2023-06-05 10:00'),
    actor: 'ou_tax',
    actorName: '王税务',
    action: 'report.create',
    taskCode: '6.1',
    after: { period: '2023-05', late: true, percent: 60, text: '已开展培训3场' },
  },
  {
    at: atLocal('2023-06-02 09:00'),
    actor: 'ou_office',
    actorName: '高志平',
    action: 'deadline.extend',
    taskCode: '6.1',
    before: { deadline: '2023-06-30' },
    after: { deadline: '2023-09-30', reason: '受汛期影响' },
  },
  {
    at: atLocal('2023-06-01 09:00'),
    actor: 'system',
    action: 'warning.issue',
    after: { id: 'Y7K3Q', reason: '逾期' },
  },
];

describe('renderTaskLogCard', () => {
  it('lists who did what and when, newest first as given, with the next page', () => {
    const built = renderTaskLogCard({ task, page: 1, entries, hasMore: true });
    expect(built).toMatchSnapshot();
    const json = JSON.stringify(built);
    expect(json).toContain('2023-06-05 10:00 **王税务** 报送进展 2023-05 月（补报） 60%：已开展培训3场');
    expect(json).toContain('**高志平** 延期 时限 2023-06-30 → 2023-09-30，理由：受汛期影响');
    expect(json).toContain('**督办助手** 发出黄牌 Y7K3Q 逾期');
    expect(json).toContain('更早的记录请发送：/记录 6.1 2');
    expectValid(built);
  });

  it('says when the trail ends and when a page is past it', () => {
    expect(JSON.stringify(renderTaskLogCard({ task, page: 2, entries, hasMore: false }))).toContain(
      '已是最早的记录',
    );
    const past = renderTaskLogCard({ task, page: 9, entries: [], hasMore: false });
    expect(JSON.stringify(past)).toContain('没有第 9 页');
  });

  it('names someone with no stored name 未绑定成员, never by open_id', () => {
    const denied: AuditEntry = {
      at: atLocal('2023-06-06 11:00'),
      actor: 'ou_3f9a2c7e1b',
      action: 'access.denied',
      taskCode: '6.1',
    };
    const json = JSON.stringify(renderTaskLogCard({ task, page: 1, entries: [denied], hasMore: false }));
    expect(json).toContain('2023-06-06 11:00 **未绑定成员**');
    expect(json).not.toContain('ou_3f9a2c7e1b');
  });

  it('escapes user text and stays within the size limit', () => {
    const hostile = entries.map((e) => ({
      ...e,
      actorName: HOSTILE,
      after: { text: HOSTILE, reason: HOSTILE },
    }));
    expectEscaped(renderTaskLogCard({ task, page: 1, entries: hostile, hasMore: false }));
    const many = Array.from({ length: 10 }, () => ({ ...entries[0]!, after: { text: '长'.repeat(2000) } }));
    expectValid(renderTaskLogCard({ task, page: 1, entries: many, hasMore: true }));
  });
});
