/** What the importer accepts, for every refusal. */
export const ACCEPTED_FORMATS =
  '纯文本（.txt）、Word（.docx）、文字版 PDF、网页（.html）或 Excel 任务清单（.xlsx）';

/**
 * A file that is not a notice the reader can open (an old .doc, an image, a scanned PDF): the
 * message says what the file is and what to send instead. Nothing is parsed.
 */
export class NoticeFormatError extends Error {
  override readonly name = 'NoticeFormatError';
  readonly code = 'NOTICE_FORMAT';
}

/** `文件“方案.doc”` or `该文件`, for messages. */
export function fileLabel(fileName: string | undefined): string {
  return fileName ? `文件“${fileName.slice(0, 60)}”` : '该文件';
}

/** Refuses a file of a kind the reader cannot open, naming the kind and what is accepted. */
export function refuseFormat(kind: string, fileName: string | undefined): never {
  throw new NoticeFormatError(`${fileLabel(fileName)}是${kind}，无法读取；请发送${ACCEPTED_FORMATS}。`);
}
