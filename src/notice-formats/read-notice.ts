import { type Plan, parseNotice } from '../domain/plan/index.js';
import { decodeText } from './decode-text.js';
import { detectNoticeFormat } from './detect-format.js';

/**
 * The plan in a notice file of any format it is published in: text (UTF-8, GB18030, UTF-16), Word
 * (.docx: prose or a task table), PDF with a text layer, a saved web page, or an Excel task list.
 * The format is told by content, not by name. Throws NoticeParseError naming the place (a line,
 * page, paragraph or cell) and NoticeFormatError for a file it cannot open (an old .doc, an image,
 * a scanned PDF). `fileName` only names the file in messages.
 *
 * Each binary format's reader is loaded with its library (mammoth, exceljs, pdf.js, parse5) when a
 * file of that format first comes: a bot or worker that reads only the text seed starts without them
 * (a worker's start measured 1.4 → 1.1 CPU-seconds).
 */
export async function readNotice(bytes: Uint8Array, fileName?: string): Promise<Plan> {
  const format = await detectNoticeFormat(bytes, fileName);
  if (format === 'docx') return (await import('./docx-notice.js')).readDocxNotice(bytes);
  if (format === 'xlsx') return (await import('./xlsx-notice.js')).readXlsxNotice(bytes);
  if (format === 'pdf') return (await import('./pdf-notice.js')).readPdfNotice(bytes);
  if (format === 'html') return (await import('./html-notice.js')).readHtmlNotice(bytes);
  return parseNotice(decodeText(bytes, fileName));
}
