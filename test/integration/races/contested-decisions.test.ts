/**
 * Contested decisions (issue 10): two or three people decide the same thing at once, through the
 * fake Lark over HTTP, on the real Mongo-wire server. Every race runs 50 rounds (five groups at a
 * time, ten rounds each, each group on its own task): exactly one command wins, the loser is told
 * who just changed the item and what it is now, and the stored state, its history and the audit
 * log agree with the replies. On FerretDB a version filter lets several callers win (measured,
 * mongo-wire.md); these rounds lose decisions unless a unique-key insert arbitrates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../../../dev/fake-lark/index.js';
import { OFFICE_UNIT } from '../../../src/domain/members/member.js';
import type { Task } from '../../../src/domain/tasks/task.js';
import { STATE_LABEL } from '../../../src/domain/tasks/task-labels.js';
import { newWarningId } from '../../../src/domain/warnings/warning-id.js';
import {
  type ChatHarness,
  cardColour,
  PEOPLE,
  replyText,
  startChatHarness,
} from '../../helpers/chat-harness.js';

const LANES = 5;
const ROUNDS_PER_LANE = 10;
const RACE_TIMEOUT = 240_000;

const OFFICE = [
  PEOPLE.office,
  { openId: 'ou_office_deputy', name: '刘副主任' },
  { openId: 'ou_office_clerk', name: '陈督办' },
] as const;

interface Sent {
  who: { openId: string; name: string };
  text: string;
  messageId: string;
  reply: FakeMessage;
}

const SUCCESS = 'interactive';
const succeeded = (s: Sent) => s.reply.msgType === SUCCESS;

/** The round's one success reply (asserted to be exactly one) and the others. */
function oneWinner(sent: Sent[]): { winner: Sent; losers: Sent[] } {
  const winners = sent.filter(succeeded);
  expect(winners).toHaveLength(1);
  const winner = winners[0] as Sent;
  return { winner, losers: sent.filter((s) => s !== winner) };
}

describe('contested decisions: exactly one winner, the loser is told', () => {
  let h: ChatHarness;
  let planId: string;
  let lanes: { chatId: string; task: Task; liaison: { openId: string; name: string } }[];

  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-06-10 10:00' });
    planId = (await h.repos.plans.current())?.planId as string;
    for (const deputy of OFFICE.slice(1)) await h.bind(deputy, OFFICE_UNIT, 'office');
    // Tasks that end 已销号 when approved (not 长期坚持): a report after that is refused.
    const tasks = (await h.repos.tasks.list(planId)).filter((t) => !t.ongoing).slice(0, LANES);
    expect(tasks).toHaveLength(LANES);
    lanes = [];
    for (const [i, task] of tasks.entries()) {
      const liaison = { openId: `ou_race_liaison_${i}`, name: `联络员${i}` };
      await h.bind(liaison, task.leadUnits[0] as string);
      const chatId = h.fake.createChat({ name: `竞争测试群${i}`, members: [...OFFICE, liaison] });
      lanes.push({ chatId, task, liaison });
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Sends the messages at once in one group and waits for the bot's reply to each. */
  async function atOnce(chatId: string, messages: { who: Sent['who']; text: string }[]): Promise<Sent[]> {
    const delivered = await Promise.all(
      messages.map((m) =>
        h.fake.deliverUserMessage({ chatId, senderOpenId: m.who.openId, text: m.text, mentionBot: true }),
      ),
    );
    return Promise.all(
      messages.map(async (m, i) => {
        const messageId = (delivered[i] as { messageId: string }).messageId;
        const reply = await h.fake.waitFor((r) => r.parentId === messageId && r.senderType === 'app', 30_000);
        return { ...m, messageId, reply };
      }),
    );
  }

  /** Runs `round` 50 times: five groups at once, ten rounds after each other in each. */
  async function race(round: (lane: (typeof lanes)[number], n: number) => Promise<Sent[]>): Promise<void> {
    const sent = (
      await Promise.all(
        lanes.map(async (lane) => {
          const all: Sent[] = [];
          for (let n = 0; n < ROUNDS_PER_LANE; n++) all.push(...(await round(lane, n)));
          return all;
        }),
      )
    ).flat();
    // Nothing answered twice, and no contested command ever met the outage reply.
    const replies = await Promise.all(sent.map((s) => h.repliesTo(s.messageId)));
    expect(replies.map((r) => r.length)).toEqual(sent.map(() => 1));
    expect(sent.map((s) => replyText(s.reply)).filter((t) => t.includes('系统暂时无法访问'))).toEqual([]);
  }

  /** Puts the lane's task back to 待销号, requested by its liaison. */
  async function pending(lane: (typeof lanes)[number]): Promise<Task> {
    const task = (await h.repos.tasks.get(planId, lane.task.code)) as Task;
    const at = h.clock.now();
    const by = { by: lane.liaison.openId, byName: lane.liaison.name, at };
    const signoff = {
      note: '已完成整改',
      evidence: [],
      requestedBy: by.by,
      requestedByName: by.byName,
      requestedAt: at,
    };
    const changes = {
      state: 'pending_signoff' as const,
      signoff,
      closedAt: undefined,
      returnReason: undefined,
    };
    const updated = await h.repos.tasks.update(task, changes, { action: 'signoff.request', ...by });
    expect(updated?.state).toBe('pending_signoff');
    return updated as Task;
  }

  /** The audit entries the round's messages caused. */
  async function auditOf(sent: Sent[]) {
    return (await Promise.all(sent.map((s) => h.repos.audit.list({ source: s.messageId })))).flat();
  }

  it('/销号 and /退回 of one request: one decision, stored and audited as answered', {
    timeout: RACE_TIMEOUT,
  }, async () => {
    await race(async (lane, n) => {
      const before = await pending(lane);
      const code = before.code;
      const reason = `材料不全第${n}轮`;
      const sent = await atOnce(lane.chatId, [
        { who: OFFICE[0], text: `/销号 ${code}` },
        { who: OFFICE[1], text: `/退回 ${code} ${reason}` },
      ]);
      const [approve, back] = sent as [Sent, Sent];
      const { winner, losers } = oneWinner(sent);
      const stored = (await h.repos.tasks.get(planId, code)) as Task;
      const audit = await auditOf(sent);
      expect(audit).toHaveLength(1);
      if (winner === approve) {
        expect(cardColour(approve.reply)).toBe('green');
        expect(replyText(approve.reply)).toContain(`事项 ${code} 已销号`);
        expect(stored.state).toBe('closed');
        expect(audit[0]?.action).toBe('signoff.approve');
        expect(replyText(back.reply)).toContain(OFFICE[0].name);
      } else {
        expect(cardColour(back.reply)).toBe('orange');
        expect(stored).toMatchObject({ state: 'in_progress', returnReason: reason });
        expect(audit[0]?.action).toBe('signoff.return');
        expect(replyText(approve.reply)).toContain(OFFICE[1].name);
      }
      expect(replyText((losers[0] as Sent).reply)).toContain(`当前状态：${STATE_LABEL[stored.state]}`);
      expect(stored.version).toBe(before.version + 1);
      return sent;
    });
  });

  it('/延期 and /销号 of a pending request: the sign-off wins, the deadline and its history stay', {
    timeout: RACE_TIMEOUT,
  }, async () => {
    await race(async (lane, n) => {
      const before = await pending(lane);
      const code = before.code;
      const sent = await atOnce(lane.chatId, [
        { who: OFFICE[0], text: `/延期 ${code} 2024-0${1 + (n % 9)}-15 汛期影响第${n}轮` },
        { who: OFFICE[1], text: `/销号 ${code}` },
      ]);
      const [extend, approve] = sent as [Sent, Sent];
      expect(sent.filter(succeeded)).toEqual([approve]);
      expect(replyText(approve.reply)).toContain(`事项 ${code} 已销号`);
      // Refused before the sign-off (a pending request is decided first) or after it (who did it).
      const refusal = replyText(extend.reply);
      expect(refusal).toMatch(
        new RegExp(
          `事项 ${code} (有待审核的销号申请（${lane.liaison.name} 于|刚被 ${OFFICE[1].name} 于|已由 ${OFFICE[1].name} 于)`,
        ),
      );
      const stored = (await h.repos.tasks.get(planId, code)) as Task;
      expect(stored.state).toBe('closed');
      expect(stored.deadline).toBe(before.deadline);
      expect(stored.deadlineHistory).toEqual(before.deadlineHistory);
      expect((await auditOf(sent)).map((e) => e.action)).toEqual(['signoff.approve']);
      return sent;
    });
  });

  it('two /销号 of one request by two office members: one approval', { timeout: RACE_TIMEOUT }, async () => {
    await race(async (lane) => {
      const before = await pending(lane);
      const code = before.code;
      const sent = await atOnce(lane.chatId, [
        { who: OFFICE[0], text: `/销号 ${code}` },
        { who: OFFICE[1], text: `/销号 ${code}` },
      ]);
      const { winner, losers } = oneWinner(sent);
      const loser = losers[0] as Sent;
      expect(replyText(loser.reply)).toContain(winner.who.name);
      expect(replyText(loser.reply)).toContain('已销号');
      const stored = (await h.repos.tasks.get(planId, code)) as Task;
      expect(stored).toMatchObject({ state: 'closed', version: before.version + 1 });
      expect(stored.lastChange?.by).toBe(winner.who.openId);
      const audit = await auditOf(sent);
      expect(audit.map((e) => [e.action, e.actor])).toEqual([['signoff.approve', winner.who.openId]]);
      return sent;
    });
  });

  it('three /撤销黄牌 of one card: one revocation, its reason kept', { timeout: RACE_TIMEOUT }, async () => {
    await race(async (lane, n) => {
      const id = newWarningId();
      const issued = await h.repos.warnings.issue({
        id,
        key: `manual:${id}`,
        planId,
        unit: lane.task.leadUnits[0] as string,
        kind: 'manual',
        period: '2023-06',
        reason: '报送不实',
        issuedAt: h.clock.now(),
        issuedBy: PEOPLE.office.openId,
      });
      expect(issued).toBe('created');
      const sent = await atOnce(
        lane.chatId,
        OFFICE.map((who, i) => ({ who, text: `/撤销黄牌 ${id} 第${n}轮理由${i}` })),
      );
      const { winner, losers } = oneWinner(sent);
      expect(replyText(winner.reply)).toContain(`黄牌 ${id} 已撤销`);
      const stored = await h.repos.warnings.get(id);
      expect(stored).toMatchObject({ revokedBy: winner.who.openId, revokeReason: winner.text.split(' ')[2] });
      for (const loser of losers) {
        expect(replyText(loser.reply)).toContain(`黄牌 ${id}`);
        expect(replyText(loser.reply)).toContain(`${winner.who.name} 于`);
      }
      const audit = await auditOf(sent);
      expect(audit.map((e) => [e.action, e.actor])).toEqual([['warning.revoke', winner.who.openId]]);
      return sent;
    });
  });

  it('/绑定 of one person to two units at once: one binding, the other office member is told', {
    timeout: RACE_TIMEOUT,
  }, async () => {
    const units = (await h.repos.units.list()).map((u) => u.name);
    await race(async (lane, n) => {
      const person = { openId: `ou_newcomer_${lane.chatId.slice(-6)}_${n}`, name: `新成员${n}` };
      h.fake.addMember(lane.chatId, person);
      const at = `<at user_id="${person.openId}">${person.name}</at>`;
      const [unitA, unitB] = [units[n % units.length], units[(n + 1) % units.length]] as [string, string];
      const sent = await atOnce(lane.chatId, [
        { who: OFFICE[0], text: `/绑定 ${at} ${unitA}` },
        { who: OFFICE[1], text: `/绑定 ${at} ${unitB}` },
      ]);
      const { winner, losers } = oneWinner(sent);
      const winnerUnit = winner === sent[0] ? unitA : unitB;
      expect(cardColour(winner.reply)).toBe('blue');
      const loser = losers[0] as Sent;
      expect(replyText(loser.reply)).toContain(`${person.name} 刚被 ${winner.who.name} 于`);
      expect(replyText(loser.reply)).toContain(`绑定为 ${winnerUnit}`);
      const stored = await h.repos.members.get(person.openId);
      expect(stored).toMatchObject({ unit: winnerUnit, boundBy: winner.who.openId });
      const audit = await auditOf(sent);
      expect(audit.map((e) => [e.action, e.actor])).toEqual([['member.bind', winner.who.openId]]);
      return sent;
    });
  });

  it('/进展 with /销号: the receipt states what the task was when the report was decided', {
    timeout: RACE_TIMEOUT,
  }, async () => {
    await race(async (lane, n) => {
      const before = await pending(lane);
      const code = before.code;
      const sent = await atOnce(lane.chatId, [
        { who: lane.liaison, text: `/进展 ${code} 90% 第${n}轮补充材料已上传` },
        { who: OFFICE[0], text: `/销号 ${code}` },
      ]);
      const [report, approve] = sent as [Sent, Sent];
      // The sign-off is valid in either order; the report only before it.
      expect(succeeded(approve)).toBe(true);
      const stored = (await h.repos.tasks.get(planId, code)) as Task;
      expect(stored.state).toBe('closed');
      const reports = await h.repos.reports.list({ planId, taskCode: code });
      const kept = reports.filter((r) => r.messageId === report.messageId);
      const audit = await auditOf(sent);
      if (succeeded(report)) {
        // Decided first: its receipt says 待销号, and the sign-off took the version after it.
        expect(replyText(report.reply)).toContain(`**状态**：${STATE_LABEL.pending_signoff}`);
        expect(kept).toHaveLength(1);
        expect(stored.version).toBe(before.version + 2);
        expect(audit.map((e) => e.action).sort()).toEqual(['report.create', 'signoff.approve']);
        expect(audit.find((e) => e.action === 'report.create')?.after).toMatchObject({
          state: 'pending_signoff',
        });
      } else {
        expect(replyText(report.reply)).toMatch(new RegExp(`事项 ${code} (刚被|已由) ${OFFICE[0].name} 于`));
        expect(replyText(report.reply)).toContain('销号');
        expect(kept).toHaveLength(0);
        expect(stored.version).toBe(before.version + 1);
        expect(audit.map((e) => e.action)).toEqual(['signoff.approve']);
      }
      return sent;
    });
  });
});
