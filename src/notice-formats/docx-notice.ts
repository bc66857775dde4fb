import mammoth from 'mammoth';
import { parse } from 'parse5';
import { NoticeParseError, type Plan } from '../domain/plan/index.js';
import { numberDocx } from './docx-numbering.js';
import { readBlocks } from './html-blocks.js';
import { parseBlocks } from './located-prose.js';

/** Said with an error in a document whose automatic numbering is in a number format not read. */
const unreadNumbering = (formats: readonly string[]) =>
  `（该文档的自动编号格式（${formats.join('、')}）无法读出：请在 Word 或 WPS 中将自动编号转换为文本后再试）`;

/**
 * A Word notice: its automatic numbering is first written in as text (`docx-numbering.ts`: the
 * `一、`, `（一）`, `问题一：` a list style shows), then mammoth turns the document into HTML
 * (paragraphs, and tables with merged cells as `rowspan`/`colspan`), read like a web page's body:
 * its paragraphs as the notice's text, or its task tables as a task list. Errors name the paragraph
 * (`第 12 段`) or the cell (`表格第 5 行第 6 列`); when a list's number format cannot be read (not a
 * Chinese, decimal, letter or Roman one), the error says so and how to fix it.
 */
export async function readDocxNotice(bytes: Uint8Array): Promise<Plan> {
  const numbered = await numberDocx(bytes);
  const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(numbered.bytes) });
  try {
    return parseBlocks(readBlocks(parse(`<body>${html}</body>`)), {
      paragraph: (n) => `Word 文档第 ${n} 段`,
      end: 'Word 文档末尾',
      table: (ordinal) => (ordinal ? `Word 第 ${ordinal} 个表格` : 'Word 表格'),
    });
  } catch (error) {
    if (error instanceof NoticeParseError && numbered.unsupported.length > 0)
      throw error.at(`${error.place ?? `第 ${error.line} 行`}${unreadNumbering(numbered.unsupported)}`);
    throw error;
  }
}
