import { refuseFormat } from './notice-format.error.js';

/** The layouts a notice is read from. */
export type NoticeFormat = 'text' | 'html' | 'pdf' | 'docx' | 'xlsx';

/** Magic numbers of files that are never a notice this reader opens, with what to call them. */
const REFUSED_MAGIC: readonly [bytes: number[], kind: string][] = [
  [[0xd0, 0xcf, 0x11, 0xe0], '旧版 Word / Excel / WPS 文件（.doc / .xls / .wps）'],
  [[0x89, 0x50, 0x4e, 0x47], '图片（PNG）'],
  [[0xff, 0xd8, 0xff], '图片（JPEG）'],
  [[0x47, 0x49, 0x46, 0x38], '图片（GIF）'],
  [[0x42, 0x4d], '图片（BMP）'],
  [[0x49, 0x49, 0x2a, 0x00], '图片（TIFF）'],
  [[0x4d, 0x4d, 0x00, 0x2a], '图片（TIFF）'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR 压缩包'],
  [[0x37, 0x7a, 0xbc, 0xaf], '7z 压缩包'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'RTF 文档（请在 Word 中另存为 .docx）'],
];

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** A web archive (.mht) as browsers and Word save it: MIME headers, then the parts. */
const MHTML =
  /^(?:[\w-]+:[^\n]*\r?\n)*?MIME-Version:[^\n]*\r?\n(?:[\w-]+:[^\n]*\r?\n|[ \t][^\n]*\r?\n)*?Content-Type:\s*multipart\/related/i;

/** Markup near the start of a file (after an XML prolog, as XHTML has) that makes it a web page, not text. */
const HTML_START =
  /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table)\b/i;

/**
 * The format of a notice by its content, never only its name: `%PDF-`, a zip holding
 * `word/document.xml` or `xl/workbook.xml`, markup, else text. Refuses (NoticeFormatError) what it
 * cannot read, naming the kind: an old .doc/.xls, an image, another zip, a PowerPoint file.
 */
export async function detectNoticeFormat(bytes: Uint8Array, fileName?: string): Promise<NoticeFormat> {
  if (startsWith(bytes, ZIP)) return zipFormat(bytes, fileName);
  if (indexOfAscii(bytes.subarray(0, 1024), '%PDF-') >= 0) return 'pdf';
  const refused = REFUSED_MAGIC.find(([magic]) => startsWith(bytes, magic));
  if (refused) refuseFormat(refused[1], fileName);
  const head = asciiHead(bytes);
  if (MHTML.test(head))
    refuseFormat('网页存档（.mht / .mhtml；请在浏览器中另存为“网页，仅 HTML”）', fileName);
  return HTML_START.test(head) ? 'html' : 'text';
}

async function zipFormat(bytes: Uint8Array, fileName: string | undefined): Promise<NoticeFormat> {
  // JSZip loads with the first zip file (a .docx or .xlsx), not at start-up.
  const { default: JSZip } = await import('jszip');
  let names: string[];
  try {
    names = Object.keys((await JSZip.loadAsync(bytes)).files);
  } catch {
    refuseFormat('损坏的压缩文件（无法打开）', fileName);
  }
  if (names.includes('word/document.xml')) return 'docx';
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  if (names.some((n) => n.startsWith('ppt/'))) refuseFormat('PowerPoint 演示文稿', fileName);
  return refuseFormat('压缩包（不是 Word 或 Excel 文件）', fileName);
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

function indexOfAscii(bytes: Uint8Array, text: string): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(text, 0, 'latin1');
}

/** The first kilobytes as Latin-1 without a BOM: enough to see markup in any ASCII-compatible charset. */
function asciiHead(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 2048)).toString(
    'latin1',
  );
  return head.replace(/^\xef\xbb\xbf/, '');
}
