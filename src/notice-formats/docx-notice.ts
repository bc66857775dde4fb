import mammoth from 'mammoth';
import { parse } from 'parse5';
import { NoticeParseError, type Plan } from '../domain/plan/index.js';
import { readBlocks } from './html-blocks.js';
import { parseBlocks } from './located-prose.js';

/** Said with an error in a document that numbers paragraphs automatically: mammoth cannot give the numbers. */
const AUTO_NUMBERING =
  '（该文档使用了自动编号，编号无法读出：请在 Word 或 WPS 中将自动编号转换为文本后再试）';

/**
 * A Word notice: mammoth turns the document into HTML (paragraphs, and tables with merged cells as
 * `rowspan`/`colspan`), read like a web page's body: its paragraphs as the notice's text, or its
 * task tables as a task list. Errors name the paragraph (`第 12 段`) or the cell (`表格第 5 行第 6 列`).
 * Word's automatic list numbering (`（一）` made by a list style, not typed) is not in mammoth's
 * output; when such a document fails, the error says so and how to fix it.
 */
export async function readDocxNotice(bytes: Uint8Array): Promise<Plan> {
  const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  try {
    return parseBlocks(readBlocks(parse(`<body>${html}</body>`)), {
      paragraph: (n) => `Word 文档第 ${n} 段`,
      end: 'Word 文档末尾',
      table: (ordinal) => (ordinal ? `Word 第 ${ordinal} 个表格` : 'Word 表格'),
    });
  } catch (error) {
    if (error instanceof NoticeParseError && html.includes('<ol>'))
      throw error.at(`${error.place ?? `第 ${error.line} 行`}${AUTO_NUMBERING}`);
    throw error;
  }
}
