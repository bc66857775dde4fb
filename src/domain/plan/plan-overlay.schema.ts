import { z } from 'zod';
import { isCalendarDate } from './calendar-date.js';
import { PlanOverlayError } from './plan-overlay.error.js';

const text = z.string().trim().min(1);
const date = z
  .string()
  .refine(isCalendarDate, { message: '应为存在的日期 YYYY-MM-DD（expected YYYY-MM-DD）' });
const units = z.array(text);
const taskCode = z
  .string()
  .regex(/^\d+\.\d+$/, { message: '应为“指标序号.问题序号”，如 6.1（expected task code）' });

/** A KPI as the plan stores it. */
export const kpiSchema = z.strictObject({
  name: text,
  baseline: z.number(),
  target: z.number(),
  unit: z.string(),
  direction: z.enum(['increase', 'decrease']),
});

/** Corrections to one parsed task; `kpi: null` removes a KPI the parser found. */
const taskPatchSchema = z.strictObject({
  problem: text.optional(),
  measures: z.array(text).min(1).optional(),
  deadline: date.nullable().optional(),
  ongoing: z.boolean().optional(),
  kpi: kpiSchema.nullable().optional(),
  leadUnits: units.min(1).optional(),
  coUnits: units.optional(),
});

/** A task the notice lacks, added under an existing indicator. */
const addedTaskSchema = z.strictObject({
  indicatorSeq: z.number().int().positive(),
  code: taskCode,
  problem: text,
  measures: z.array(text).min(1),
  deadline: date.nullable().default(null),
  ongoing: z.boolean().default(false),
  kpi: kpiSchema.optional(),
  leadUnits: units.min(1).optional(),
  coUnits: units.optional(),
});

/** The JSON overlay file: corrections applied on top of a parsed notice (see OVERLAY.md). */
export const planOverlaySchema = z.strictObject({
  $comment: z.string().optional(),
  plan: z
    .strictObject({
      docNo: text,
      title: text,
      year: z.number().int().min(1990).max(2100),
      reportDay: z.number().int().min(1).max(31),
      contact: z.strictObject({ person: text, phone: text, email: text }).partial(),
    })
    .partial()
    .optional(),
  indicators: z
    .record(
      z.string().regex(/^\d+$/, { message: '指标序号应为数字（expected indicator number）' }),
      z.strictObject({ name: text, leadUnits: units.min(1) }).partial(),
    )
    .optional(),
  tasks: z.record(taskCode, taskPatchSchema).optional(),
  addTasks: z.array(addedTaskSchema).optional(),
});

/** A validated overlay. */
export type PlanOverlay = z.infer<typeof planOverlaySchema>;

/** Validates parsed JSON as an overlay; throws PlanOverlayError listing each wrong field by path. */
export function parsePlanOverlay(json: unknown): PlanOverlay {
  const result = planOverlaySchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(根)'}：${issue.message}`);
  throw new PlanOverlayError(`覆盖文件格式错误（invalid overlay）：${problems.join('；')}`);
}
