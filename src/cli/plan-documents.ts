import { writeFile } from 'node:fs/promises';
import { defaults } from '../../config/defaults.js';
import { toDocumentSettings } from '../../config/index.js';
import { documentsSchema } from '../../config/schema.js';
import { loadPlanFile } from '../app/load-plan-file.js';
import { buildAssessmentDocument } from '../documents/assessment-document.js';
import { buildBulletinDocument } from '../documents/bulletin-document.js';
import { writeOfficialDocx } from '../documents/docx-writer.js';
import type { DocumentSettings } from '../documents/official-document.js';
import { localDay } from '../domain/clock.js';
import { planHeaderOf, taskFields } from '../domain/plan/import-plan.js';
import type { Plan } from '../domain/plan/plan.js';
import type { StoredPlan } from '../domain/plan/stored-plan.js';
import { assessedPeriods, buildAssessment } from '../domain/supervision/assessment.js';
import { buildBulletin } from '../domain/supervision/bulletin.js';
import type { Task } from '../domain/tasks/task.js';
import { computeAssessment } from '../supervision/assessment.js';
import { bulletinToPost } from '../supervision/bulletin.post.js';
import { assessmentDocx, bulletinDocx, type DocumentDeps } from '../supervision/official-documents.js';
import type { CliIo } from './cli-io.js';
import { readOptions } from './cli-options.js';
import { choosePlan, withTenancy } from './plan-db.js';

const EXIT = { ok: 0, usage: 2 } as const;

/** What to write: the month or year, the plan (several stored), the output file. */
interface DocumentRequest {
  /** `2023-05` or `2023`, as typed. */
  when: string;
  out: string;
  plan?: string;
}

/** A month's bulletin or a year's assessment: from the database's plan, or from the notice with no reports. */
interface DocumentKind {
  name: 'bulletin' | 'assess';
  /** The positional argument's form and its message when it is not. */
  when: RegExp;
  whenMessage: string;
  fromDatabase(deps: DocumentDeps, when: string): Promise<Buffer>;
  preview(plan: Plan, settings: DocumentSettings, when: string, env: NodeJS.ProcessEnv): Promise<Buffer>;
}

/** `npm run plan -- bulletin <YYYY-MM> --out <f.docx> [--plan <文号>]`. */
export function runBulletinDocument(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  return runDocument(BULLETIN, args, io, env);
}

/** `npm run plan -- assess <YYYY> --out <f.docx> [--plan <文号>]`. */
export function runAssessDocument(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  return runDocument(ASSESSMENT, args, io, env);
}

const BULLETIN: DocumentKind = {
  name: 'bulletin',
  when: /^20\d{2}-(0[1-9]|1[0-2])$/,
  whenMessage: '应给出月份，如 2023-05（expected a month YYYY-MM）',
  fromDatabase: async (deps, period) => (await bulletinDocx(deps, await bulletinToPost(deps, period))).data,
  preview: async (plan, settings, period, env) => {
    const { stored, tasks, now } = previewState(plan, env);
    const today = localDay(now);
    const bulletin = buildBulletin({
      plan: stored,
      tasks,
      reports: [],
      warnings: [],
      period,
      today,
      namedUnits: [],
    });
    const model = buildBulletinDocument({ bulletin, plan: stored, settings, issuedOn: today });
    return writeOfficialDocx(model);
  },
};

const ASSESSMENT: DocumentKind = {
  name: 'assess',
  when: /^20\d{2}$/,
  whenMessage: '应给出年份，如 2023（expected a year YYYY）',
  fromDatabase: async (deps, when) => {
    const year = Number(when);
    return (await assessmentDocx(deps, { year, ...(await computeAssessment(deps, year)) })).data;
  },
  preview: async (plan, settings, when, env) => {
    const { stored, tasks, now } = previewState(plan, env);
    const year = Number(when);
    const periods = assessedPeriods(year, stored.start, stored.reportDay, now);
    const today = localDay(now);
    const rule = defaults.assessment;
    const rows = buildAssessment({ ...stored, tasks, reports: [], warnings: [], year, today, periods, rule });
    const model = buildAssessmentDocument({
      year,
      rows,
      periods,
      rule,
      plan: stored,
      settings,
      issuedOn: today,
    });
    return writeOfficialDocx(model);
  },
};

/** The notice as a stored plan with every task open, and the time (BOT_NOW, else now). */
function previewState(plan: Plan, env: NodeJS.ProcessEnv): { stored: StoredPlan; tasks: Task[]; now: Date } {
  const now = env.BOT_NOW ? new Date(env.BOT_NOW) : new Date();
  const stored: StoredPlan = {
    ...planHeaderOf(plan, env.PLAN_START ?? defaults.planStart, now),
    chats: [],
    status: 'active',
  };
  const tasks = plan.indicators.flatMap((indicator) =>
    indicator.tasks.map(
      (t): Task => ({
        planId: plan.docNo,
        ...taskFields(indicator, t),
        originalDeadline: t.deadline,
        deadlineHistory: [],
        state: 'open',
        version: 1,
      }),
    ),
  );
  return { stored, tasks, now };
}

function readRequest(kind: DocumentKind, args: string[]): DocumentRequest | string {
  const options = readOptions(args, ['--out', '--plan']);
  if (typeof options === 'string') return options;
  const [when, ...rest] = options.positional;
  if (!when || rest.length > 0 || !kind.when.test(when)) return kind.whenMessage;
  const out = options.values['--out'];
  if (!out?.endsWith('.docx')) return '应以 --out 给出一个 .docx 输出文件（expected --out <file.docx>）';
  const plan = options.values['--plan'];
  return { when, out, ...(plan !== undefined && { plan }) };
}

async function runDocument(
  kind: DocumentKind,
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const request = readRequest(kind, args);
  if (typeof request === 'string') {
    io.err(
      `${request}\n用法（usage）：npm run plan -- ${kind.name} ${kind === BULLETIN ? '<YYYY-MM>' : '<YYYY>'} --out <文件.docx> [--plan <方案文号>]`,
    );
    return EXIT.usage;
  }
  const parsed = documentsSchema.safeParse(env);
  if (!parsed.success) {
    io.err(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    return EXIT.usage;
  }
  const settings = toDocumentSettings(parsed.data);
  if (!env.MONGODB_URI) return writePreview(kind, request, settings, io, env);
  return withTenancy(io, env, async (tenancy) => {
    const planId = choosePlan(await tenancy.catalog.list(), request.plan, io);
    if (planId === undefined) return EXIT.usage;
    const deps = {
      domain: tenancy.forPlan(planId),
      documents: settings,
      assessmentRule: defaults.assessment,
    };
    const data = await kind.fromDatabase(deps, request.when);
    await writeFile(request.out, data);
    io.out(`已写出：${request.out}（${planId}，${data.length} 字节）\n`);
    return EXIT.ok;
  });
}

/** Without MONGODB_URI: the PLAN_FILE notice (or the seed) with no reports, said so on stderr. */
async function writePreview(
  kind: DocumentKind,
  request: DocumentRequest,
  settings: DocumentSettings,
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const file = env.PLAN_FILE ?? defaults.planFile;
  const plan = await loadPlanFile(file, env.PLAN_OVERLAY);
  if (request.plan !== undefined && request.plan !== plan.docNo) {
    io.err(`方案文件 ${file} 是 ${plan.docNo}，不是 ${request.plan}（the notice file holds another plan）`);
    return EXIT.usage;
  }
  io.err(
    `未设置 MONGODB_URI：按方案文件 ${file} 预览，视为尚无任何报送（preview from the notice, no reports）。`,
  );
  const data = await kind.preview(plan, settings, request.when, env);
  await writeFile(request.out, data);
  io.out(`已写出：${request.out}（${plan.docNo} 预览，${data.length} 字节）\n`);
  return EXIT.ok;
}
