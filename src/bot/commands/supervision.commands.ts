import { periodOf } from '../../domain/clock.js';
import { fail } from '../../domain/errors.js';
import { archivedNote } from '../../domain/plan/plan-admin.js';
import { parsePeriod } from '../../domain/queries/queries.service.js';
import { describePeriods } from '../../render/supervision/assessment.card.js';
import { describeRule, renderAssessmentCard, renderScheduleCard } from '../../render/supervision/index.js';
import { computeAssessment } from '../../supervision/assessment.js';
import { postBulletin, sendBulletinDocument } from '../../supervision/bulletin.post.js';
import { scheduledPostsBetween } from '../../supervision/due.js';
import { assessmentDocx } from '../../supervision/official-documents.js';
import { postUuid } from '../../supervision/post-once.js';
import { previewName } from '../../supervision/preview.js';
import type { SupervisionDeps } from '../../supervision/supervision-deps.js';
import { defineCommand } from '../command.js';
import type { ChatContext } from '../context.js';
import { badInput } from '../parsing/parse-args.js';

const FORCE_WORDS = ['强制', '重发', 'force'];
/** `/通报 2023-05 文件`, `/考核 2023 文件`: also the official .docx (GB/T 9704-2012). */
const DOCUMENT_WORDS = ['文件', '公文', 'docx'];

/** The plan's automatic posts; a plan served in no group has none (nowhere to post). */
function supervisionOf(ctx: ChatContext): SupervisionDeps {
  return (
    ctx.supervision ??
    fail('NO_GROUP', '本方案尚未绑定督办工作群，没有自动提醒、点名和通报。请督办员先在工作群内导入方案。')
  );
}

/** The commands that reach the scheduler's posts: /通报, /考核, /日程. */
export function createSupervisionCommands() {
  const bulletin = defineCommand({
    names: ['通报', 'bulletin'],
    usage: '/通报 [2023-05] [强制] [文件]',
    summary: '立即在群内发布某月通报（每月一次，加“强制”可重发，加“文件”同时发送公文格式的 Word 文件）',
    example: '/通报 2023-05 文件',
    officeOnly: true,
    parse: ({ split }) => {
      const force = split.tokens.some((t) => FORCE_WORDS.includes(t));
      const document = split.tokens.some((t) => DOCUMENT_WORDS.includes(t));
      const period = split.tokens.find((t) => !FORCE_WORDS.includes(t) && !DOCUMENT_WORDS.includes(t));
      return { period, force, document };
    },
    run: async (ctx, args) => {
      const sup = supervisionOf(ctx);
      const period = parsePeriod(args.period, ctx.deps.clock.now());
      const forceKey = args.force ? ctx.event.eventId : undefined;
      const result = await postBulletin(sup, period, forceKey, args.document ? { document: true } : {});
      if (result === 'already' && args.document) {
        // The month's bulletin is out already: the office asked for its document, so send that alone.
        await sendBulletinDocument(
          sup,
          period,
          postUuid(sup.planId, `bulletin-docx:${period}:${ctx.event.eventId}`),
        );
        await ctx.reply(
          `${period} 的月度通报已发布过，已将通报文件发送到工作群。如需重发通报，请发送：/通报 ${period} 强制`,
        );
      } else if (result === 'already') {
        await ctx.reply(`${period} 的月度通报已发布过。如需重发，请发送：/通报 ${period} 强制`);
      } else if (ctx.event.chatId !== sup.chatId) {
        // Typed in the group, the bulletin itself is the answer; from elsewhere (a direct message) say where it went.
        await ctx.reply(`已在工作群发布 ${period} 的月度通报${args.document ? '及通报文件' : ''}。`);
      }
    },
  });

  const assess = defineCommand({
    names: ['考核', 'assess'],
    usage: '/考核 [2023] [文件]',
    summary: '查看年度综合考核表（附 Excel；加“文件”则附公文格式的 Word 文件）',
    example: '/考核 2023',
    officeOnly: true,
    readOnly: true,
    parse: ({ split }) => {
      const document = split.tokens.some((t) => DOCUMENT_WORDS.includes(t));
      const typed = split.tokens.find((t) => !DOCUMENT_WORDS.includes(t));
      if (typed && !/^20\d{2}$/.test(typed))
        throw badInput(`“${typed.slice(0, 10)}”不是年份。`, '/考核 2023 文件');
      return { year: typed ? Number(typed) : undefined, document };
    },
    run: async (ctx, args) => {
      const sup = supervisionOf(ctx);
      const year = args.year ?? Number(periodOf(ctx.deps.clock.now()).slice(0, 4));
      const { rows, periods } = await computeAssessment(sup, year);
      await ctx.replyCard(
        renderAssessmentCard({ year, rows, periods, rule: sup.assessmentRule, draft: false }),
      );
      if (args.document) {
        const { fileName, data } = await assessmentDocx(sup, { year, rows, periods });
        await ctx.replyFile(fileName, data);
        return;
      }
      const { writeAssessmentXlsx } = await import('../../ledger/assessment-workbook.js');
      const data = await writeAssessmentXlsx({
        year,
        rows,
        rule: describeRule(sup.assessmentRule),
        periods: describePeriods(periods),
        now: ctx.deps.clock.now(),
      });
      await ctx.replyFile(`${year}年度综合考核.xlsx`, data);
    },
  });

  const schedule = defineCommand({
    names: ['日程', 'schedule'],
    usage: '/日程',
    summary: '查看接下来 30 天的自动提醒、点名和通报安排',
    example: '/日程',
    officeOnly: false,
    readOnly: true,
    parse: () => ({}),
    run: async (ctx) => {
      if (ctx.plan.status === 'archived') return ctx.reply(archivedNote(ctx.plan));
      const sup = supervisionOf(ctx);
      const now = ctx.deps.clock.now();
      const posts = await scheduledPostsBetween(sup, now, new Date(now.getTime() + 30 * 86_400_000));
      const items = posts.map((p) => ({ at: p.at, name: previewName(p.kind), label: p.about }));
      await ctx.replyCard(renderScheduleCard({ items }));
    },
  });

  return [bulletin, assess, schedule];
}
