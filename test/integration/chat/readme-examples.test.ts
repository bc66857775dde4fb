import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../../../dev/fake-lark/index.js';
import { listCommands } from '../../../src/bot/commands/index.js';
import { splitCommand } from '../../../src/bot/parsing/split-command.js';
import { createRouter } from '../../../src/bot/router.js';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The text of a `## heading` section, up to the next one. */
function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section ${heading}`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

const codeSpans = (text: string) => [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
const isCommand = (span: string) => /^[/／]\s*\S/.test(span);

/**
 * Every command example in README: in the Quick start and the Chat commands prose, each code span
 * that is a command; in the command table, the spans of the example column (the others are names).
 */
function readmeExamples(): string[] {
  const examples: string[] = [];
  for (const heading of ['Quick start', 'Chat commands']) {
    for (const line of section(heading).split('\n')) {
      if (line.startsWith('```')) continue;
      if (line.startsWith('|')) {
        const cells = line.split('|').map((c) => c.trim());
        examples.push(...codeSpans(cells[4] ?? '').filter(isCommand));
      } else {
        examples.push(...codeSpans(line).filter(isCommand));
      }
    }
  }
  return [...new Set(examples)];
}

const ROUTER = createRouter(listCommands());
/** Commands that a unit member sends for a task of the member's own unit. */
const LEAD_UNIT_COMMANDS = new Set(['进展', '申请销号']);
/** Sign-offs run last: they close the task other examples still act on. */
const runsLast = (example: string) => splitCommand(example)?.name === '销号';

describe("README's examples all work as written", () => {
  let h: ChatHarness;
  let planId: string;
  /** Members named in examples (`@张三`), added to the group so the mention is real. */
  const named = new Map<string, { openId: string; name: string }>();
  beforeAll(async () => {
    // The cockpit switched on, so `/驾驶舱` answers with its card as in a deployment that has it.
    h = await startChatHarness({ now: '2023-06-10 10:00', cockpit: true });
    planId = (await h.repos.plans.current())!.planId;
    await h.bind(PEOPLE.tax, '税务局');
    // `/撤销黄牌 Y7K3Q …` revokes the card README names.
    await h.repos.warnings.issue({
      id: 'Y7K3Q',
      planId,
      unit: '住建局',
      kind: 'manual',
      period: '2023-05',
      reason: '5月进展报送不实',
      key: 'Y7K3Q',
      issuedAt: h.clock.now(),
      issuedBy: PEOPLE.office.openId,
    });
    // `/确认黄牌 Y4M2P Y5N8R` confirms the two proposed cards README names.
    for (const [id, unit] of [
      ['Y4M2P', '法院'],
      ['Y5N8R', '税务局'],
    ] as const) {
      await h.repos.warnings.issue({
        id,
        planId,
        unit,
        kind: 'missed_report',
        period: '2023-05',
        reason: '2023年5月整改进展未按时报送',
        key: `monthly:2023-05:${unit}`,
        proposed: true,
        issuedAt: h.clock.now(),
        issuedBy: 'system',
      });
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Who sends an example: the office for office commands, a lead-unit member for a task's report. */
  async function callerFor(example: string): Promise<{ openId: string }> {
    const split = splitCommand(example)!;
    const command = ROUTER.find(split.name);
    if (command?.officeOnly) return PEOPLE.office;
    if (!command || !LEAD_UNIT_COMMANDS.has(command.names[0]!)) return PEOPLE.tax;
    const task = await h.repos.tasks.get(planId, split.tokens[0]!);
    const unit = task!.leadUnits[0]!;
    const member = {
      openId: `ou_readme_${encodeURIComponent(unit).replace(/%/g, '')}`,
      name: `${unit}联络员`,
    };
    if (!(await h.repos.members.get(member.openId))) {
      h.fake.addMember(h.chatId, member);
      await h.bind(member, unit);
    }
    return member;
  }

  /** `@张三` → a real mention of a group member named 张三. */
  function withMentions(example: string): string {
    return example.replace(/@(\S+)/g, (_all, name: string) => {
      let person = named.get(name);
      if (!person) {
        person = { openId: `ou_readme_member_${named.size + 1}`, name };
        named.set(name, person);
        h.fake.addMember(h.chatId, person);
      }
      return `<at user_id="${person.openId}">${name}</at>`;
    });
  }

  /** Before a sign-off decision, the task waits for one. */
  async function prepare(example: string): Promise<void> {
    const split = splitCommand(example)!;
    if (!['销号', '退回'].includes(split.name)) return;
    const task = await h.repos.tasks.get(planId, split.tokens[0]!);
    if (task?.state === 'pending_signoff') return;
    const request = `/申请销号 ${split.tokens[0]} 已完成整改`;
    await h.say(await callerFor(request), request);
  }

  const examples = readmeExamples();
  const ordered = [...examples.filter((e) => !runsLast(e)), ...examples.filter(runsLast)];

  it('finds the examples of the command table, the Quick start and the prose', () => {
    expect(examples.length).toBeGreaterThanOrEqual(22);
    expect(examples).toEqual(
      expect.arrayContaining(['/进展 6.1 60% 已开展培训', '/撤销黄牌 Y7K3Q 已补报并核实', '/通报 2023-05']),
    );
    expect(examples.some((e) => e.startsWith('／'))).toBe(true);
  });

  it.each(ordered)('%s', async (example) => {
    await prepare(example);
    const who = await callerFor(example);
    const sentBefore = h.fake.messages().filter((m) => m.senderType === 'app').length;
    const { messageId } = await h.fake.deliverUserMessage({
      chatId: h.chatId,
      senderOpenId: who.openId,
      text: withMentions(example),
      mentionBot: true,
    });
    const replies: FakeMessage[] = await h.repliesTo(messageId);
    const sent = h.fake.messages().filter((m) => m.senderType === 'app').length - sentBefore;
    // Something was sent (a reply, or the group post of /通报), and no reply is an error text.
    expect(sent).toBeGreaterThan(0);
    for (const reply of replies) {
      expect(reply.msgType, replyText(reply)).not.toBe('text');
    }
  });
});
