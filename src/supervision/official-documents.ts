import { localDay } from '../domain/clock.js';
import { loadPlan } from '../domain/shared/load.js';
import type { UnitAssessment } from '../domain/supervision/assessment.js';
import type { Bulletin } from '../domain/supervision/bulletin.js';
import { periodLabel } from '../domain/supervision/report-deadline.js';
import type { SupervisionDeps } from './supervision-deps.js';

/** What making a document reads: the plan's data, who issues it, the scoring rule. */
export type DocumentDeps = Pick<SupervisionDeps, 'domain' | 'documents' | 'assessmentRule'>;

/** A document to send: its file name and content. */
export interface DocumentFile {
  fileName: string;
  data: Buffer;
}

/** The `uuid` of a post's .docx: the post's own, marked, so a retry sends the file once too (≤ 50 chars). */
export function documentUuid(postUuid: string): string {
  return `${postUuid}-docx`;
}

/**
 * The monthly bulletin as an official .docx (GB/T 9704-2012) with the same figures as its card,
 * dated today. The writer is loaded on first use (the docx package is large and most events need none).
 */
export async function bulletinDocx(
  deps: Pick<DocumentDeps, 'domain' | 'documents'>,
  bulletin: Bulletin,
): Promise<DocumentFile> {
  const [{ buildBulletinDocument }, { writeOfficialDocx }, plan] = await Promise.all([
    import('../documents/bulletin-document.js'),
    import('../documents/docx-writer.js'),
    loadPlan(deps.domain),
  ]);
  const model = buildBulletinDocument({
    bulletin,
    plan,
    settings: deps.documents ?? {},
    issuedOn: localDay(deps.domain.clock.now()),
  });
  return {
    fileName: `${periodLabel(bulletin.period)}整改工作通报.docx`,
    data: await writeOfficialDocx(model),
  };
}

/** The year's assessment as an official .docx with the same rows as its card, dated today. */
export async function assessmentDocx(
  deps: DocumentDeps,
  input: { year: number; rows: UnitAssessment[]; periods: string[] },
): Promise<DocumentFile> {
  const [{ buildAssessmentDocument }, { writeOfficialDocx }, plan] = await Promise.all([
    import('../documents/assessment-document.js'),
    import('../documents/docx-writer.js'),
    loadPlan(deps.domain),
  ]);
  const model = buildAssessmentDocument({
    ...input,
    rule: deps.assessmentRule,
    plan,
    settings: deps.documents ?? {},
    issuedOn: localDay(deps.domain.clock.now()),
  });
  return { fileName: `${input.year}年度综合考核结果通报.docx`, data: await writeOfficialDocx(model) };
}
