import { type Plan, parseNotice } from '../domain/plan/index.js';
import { decodeText } from './decode-text.js';
import { detectNoticeFormat } from './detect-format.js';
import { readDocxNotice } from './docx-notice.js';
import { readHtmlNotice } from './html-notice.js';
import { readPdfNotice } from './pdf-notice.js';
import { readXlsxNotice } from './xlsx-notice.js';

/**
 * The plan in a notice file of any format it is published in: text (UTF-8, GB18030, UTF-16), Word
 * (.docx: prose or a task table), PDF with a text layer, a saved web page, or an Excel task list.
 * The format is told by content, not by name. Throws NoticeParseError naming the place (a line,
 * page, paragraph or cell) and NoticeFormatError for a file it cannot open (an old .doc, an image,
 * a scanned PDF). `fileName` only names the file in messages.
 */
export async function readNotice(bytes: Uint8Array, fileName?: string): Promise<Plan> {
  const format = await detectNoticeFormat(bytes, fileName);
  if (format === 'docx') return readDocxNotice(bytes);
  if (format === 'xlsx') return readXlsxNotice(bytes);
  if (format === 'pdf') return readPdfNotice(bytes);
  if (format === 'html') return readHtmlNotice(bytes);
  return parseNotice(decodeText(bytes, fileName));
}
