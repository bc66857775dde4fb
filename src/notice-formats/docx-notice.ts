import mammoth from 'mammoth';
import { parse } from 'parse5';
import type { Plan } from '../domain/plan/index.js';
import { readBlocks } from './html-blocks.js';
import { parseBlocks } from './located-prose.js';

/**
 * A Word notice: mammoth turns the document into HTML (paragraphs, and tables with merged cells as
 * `rowspan`/`colspan`), read like a web page's body: its paragraphs as the notice's text, or its
 * task table as a task list. Errors name the paragraph (`第 12 段`) or the cell (`表格第 5 行第 6 列`).
 */
export async function readDocxNotice(bytes: Uint8Array): Promise<Plan> {
  const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return parseBlocks(readBlocks(parse(`<body>${html}</body>`)), {
    paragraph: (n) => `Word 文档第 ${n} 段`,
    end: 'Word 文档末尾',
    table: (ordinal) => (ordinal ? `Word 第 ${ordinal} 个表格` : 'Word 表格'),
  });
}
