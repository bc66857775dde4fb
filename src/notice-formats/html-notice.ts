import { type DefaultTreeAdapterTypes, parse } from 'parse5';
import type { Plan } from '../domain/plan/index.js';
import { readDocNumber } from '../domain/plan/notice-header.parser.js';
import { decodeWithFallback } from './decode-text.js';
import { attributeOf, childrenOf, isElement, readBlocks, SKIPPED_ELEMENTS } from './html-blocks.js';
import { parseBlocks } from './located-prose.js';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/** Site chrome by class or id: menus, breadcrumbs, sidebars, share bars, footers. */
const CHROME =
  /(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|breadcrumb|crumbs?|sidebar|share|copyright|toolbar)(?:$|[\s_-])/i;

/** The share of the page's text the chosen block must hold. */
const BODY_SHARE = 0.8;

/**
 * A notice saved from a government website: decoded by its BOM or `<meta charset>` (GBK / GB2312
 * are common on county sites), site chrome dropped (navigation, menus, footers, link lists), and
 * the block that holds the notice taken: the innermost one with most of the page's text (and the
 * 文号 when the page has one). Errors name the paragraph of that block (`网页正文第 12 段`).
 */
export function readHtmlNotice(bytes: Uint8Array): Plan {
  const document = parse(decodeHtml(Buffer.from(bytes)));
  const body = findElement(document, 'body') ?? document;
  return parseBlocks(readBlocks(noticeBlock(body)), {
    paragraph: (n) => `网页正文第 ${n} 段`,
    end: '网页正文末尾',
    table: (ordinal) => (ordinal ? `网页第 ${ordinal} 个表格` : '网页表格'),
  });
}

/** The page's text in the charset its BOM or `<meta>` declares, else UTF-8, else GB18030. */
function decodeHtml(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return buffer.subarray(3).toString('utf8');
  const head = buffer.subarray(0, 4096).toString('latin1');
  const charset = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1];
  return decodeWithFallback(buffer, charset);
}

/** Text length outside links, and whether a 文号 is in that text, per element (computed once). */
interface Measure {
  length: number;
  hasDocNo: boolean;
}

/**
 * Walks down from `body` while one child holds most of the text outside links (and the 文号, when
 * the page has one): the innermost such element is the notice, without the chrome around it.
 */
function noticeBlock(body: Node): Node {
  const measures = new Map<Node, Measure>();
  /** The text outside links under `node`, spaces removed; records the node's measure. */
  const measure = (node: Node): string => {
    if (node.nodeName === '#text')
      return (node as DefaultTreeAdapterTypes.TextNode).value.replace(/\s+/g, '');
    if (isElement(node) && (SKIPPED_ELEMENTS.has(node.tagName) || isChrome(node))) return '';
    const plain = childrenOf(node).map(measure).join('');
    if (isElement(node) && node.tagName === 'a') return '';
    measures.set(node, { length: plain.length, hasDocNo: readDocNumber(plain) !== undefined });
    return plain;
  };
  measure(body);
  const total = measures.get(body) ?? { length: 0, hasDocNo: false };
  let current = body;
  for (;;) {
    const next = childrenOf(current).find((child) => {
      const m = measures.get(child);
      return m !== undefined && m.length >= total.length * BODY_SHARE && (m.hasDocNo || !total.hasDocNo);
    });
    if (!next) return pruneChrome(current);
    current = next;
  }
}

/** Chrome inside the chosen block is left out of it too. */
function pruneChrome(node: Node): Node {
  if (!('childNodes' in node)) return node;
  const kept = node.childNodes.filter((child) => !(isElement(child) && isChrome(child))).map(pruneChrome);
  return { ...node, childNodes: kept } as Node;
}

function isChrome(element: Element): boolean {
  const names = `${attributeOf(element, 'class') ?? ''} ${attributeOf(element, 'id') ?? ''}`;
  return CHROME.test(names) || attributeOf(element, 'role') === 'navigation' || isLinkList(element);
}

/** A list or block of links and little else: a menu, a "related articles" box. */
function isLinkList(element: Element): boolean {
  if (!['ul', 'ol', 'div', 'table', 'p'].includes(element.tagName)) return false;
  let links = 0;
  let linkText = 0;
  let allText = 0;
  const walk = (node: Node, inLink: boolean): void => {
    if (node.nodeName === '#text') {
      const length = (node as DefaultTreeAdapterTypes.TextNode).value.replace(/\s+/g, '').length;
      allText += length;
      if (inLink) linkText += length;
      return;
    }
    const isLink = isElement(node) && node.tagName === 'a';
    if (isLink) links += 1;
    for (const child of childrenOf(node)) walk(child, inLink || isLink);
  };
  walk(element, false);
  return links >= 3 && linkText >= allText * 0.7;
}

function findElement(node: Node, tagName: string): Element | undefined {
  if (isElement(node) && node.tagName === tagName) return node;
  for (const child of childrenOf(node)) {
    const found = findElement(child, tagName);
    if (found) return found;
  }
  return undefined;
}
