import JSZip from 'jszip';

/** One run of a paragraph as word/document.xml states it (its own properties only, not the style's). */
export interface DocxRun {
  text: string;
  font?: string;
  size?: number;
  color?: string;
  spacing?: number;
}

/** One paragraph: its text, runs and the layout properties the GB/T 9704 tests check. */
export interface DocxParagraph {
  text: string;
  runs: DocxRun[];
  align?: string;
  firstLine?: number;
  right?: number;
  line?: number;
  lineRule?: string;
  borderTop?: { color: string; size: number };
  borderBottom?: { color: string; size: number };
  inTable: boolean;
}

/** What a test reads back from a .docx: paragraphs in order, tables as rows of cell texts, page setup. */
export interface DocxReadBack {
  paragraphs: DocxParagraph[];
  tables: string[][][];
  page: { width: number; height: number; top: number; bottom: number; left: number; right: number };
  grid: { type?: string; linePitch?: number };
  /** Each footer's paragraphs. */
  footers: DocxParagraph[][];
  /** word/styles.xml's Normal style: font and size. */
  normal: { font?: string; size?: number; spacing?: number };
  /** word/settings.xml states different odd and even footers. */
  evenAndOdd: boolean;
  /** Font name → altName, from word/fontTable.xml. */
  fontFallbacks: Record<string, string>;
  /** Every paragraph's text, one per line. */
  text: string;
}

const xmlText = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const attr = (xml: string, element: string, name: string): string | undefined =>
  new RegExp(`<w:${element}\\b[^>]*\\bw:${name}="([^"]*)"`).exec(xml)?.[1];

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

function readRun(xml: string): DocxRun {
  // Text, tabs, and fields as `{PAGE}`.
  const text = [
    ...xml.matchAll(
      /<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:instrText(?: [^>]*)?>([^<]*)<\/w:instrText>|<w:tab\/>/g,
    ),
  ]
    .map((m) => (m[1] !== undefined ? xmlText(m[1]) : m[2] !== undefined ? `{${m[2].trim()}}` : '\t'))
    .join('');
  const props = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(xml)?.[1] ?? '';
  return {
    text,
    font: attr(props, 'rFonts', 'eastAsia'),
    size: num(attr(props, 'sz', 'val')),
    color: attr(props, 'color', 'val'),
    spacing: num(attr(props, 'spacing', 'val')),
  };
}

function border(pPr: string, side: 'top' | 'bottom') {
  const xml = new RegExp(`<w:pBdr>[\\s\\S]*?(<w:${side}\\b[^>]*>)[\\s\\S]*?</w:pBdr>`).exec(pPr)?.[1];
  if (!xml) return undefined;
  return { color: attr(xml, side, 'color') ?? '', size: Number(attr(xml, side, 'sz')) };
}

function readParagraphs(xml: string, tableRanges: [number, number][] = []): DocxParagraph[] {
  return [...xml.matchAll(/<w:p(?: [^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => {
    const body = m[1] ?? '';
    const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(body)?.[1] ?? '';
    const runs = [...body.matchAll(/<w:r(?: [^>]*)?>([\s\S]*?)<\/w:r>/g)].map((r) => readRun(r[1] ?? ''));
    const at = m.index ?? 0;
    return {
      text: runs.map((r) => r.text).join(''),
      runs,
      align: attr(pPr, 'jc', 'val'),
      firstLine: num(attr(pPr, 'ind', 'firstLine')),
      right: num(attr(pPr, 'ind', 'right') ?? attr(pPr, 'ind', 'end')),
      line: num(attr(pPr, 'spacing', 'line')),
      lineRule: attr(pPr, 'spacing', 'lineRule'),
      borderTop: border(pPr, 'top'),
      borderBottom: border(pPr, 'bottom'),
      inTable: tableRanges.some(([from, to]) => at >= from && at < to),
    };
  });
}

/** Unzips `data` and reads the parts of a .docx the document tests check. */
export async function readDocx(data: Buffer): Promise<DocxReadBack> {
  const zip = await JSZip.loadAsync(data);
  const part = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const document = await part('word/document.xml');
  const tableMatches = [...document.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)];
  const tables = tableMatches.map((t) =>
    [...(t[1] ?? '').matchAll(/<w:tr(?: [^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((row) =>
      [...(row[1] ?? '').matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((cell) =>
        readParagraphs(cell[1] ?? '')
          .map((p) => p.text)
          .join('\n'),
      ),
    ),
  );
  const ranges = tableMatches.map((t): [number, number] => [t.index ?? 0, (t.index ?? 0) + t[0].length]);
  const paragraphs = readParagraphs(document, ranges);
  const sectPr = /<w:sectPr>([\s\S]*?)<\/w:sectPr>/.exec(document)?.[1] ?? '';
  const footerNames = Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n));
  const styles = await part('word/styles.xml');
  const normal = /<w:style [^>]*w:styleId="Normal"[^>]*>([\s\S]*?)<\/w:style>/.exec(styles)?.[1] ?? '';
  const fontTable = await part('word/fontTable.xml');
  return {
    paragraphs,
    tables,
    page: {
      width: Number(attr(sectPr, 'pgSz', 'w')),
      height: Number(attr(sectPr, 'pgSz', 'h')),
      top: Number(attr(sectPr, 'pgMar', 'top')),
      bottom: Number(attr(sectPr, 'pgMar', 'bottom')),
      left: Number(attr(sectPr, 'pgMar', 'left')),
      right: Number(attr(sectPr, 'pgMar', 'right')),
    },
    grid: { type: attr(sectPr, 'docGrid', 'type'), linePitch: num(attr(sectPr, 'docGrid', 'linePitch')) },
    footers: await Promise.all(footerNames.map(async (n) => readParagraphs(await part(n)))),
    normal: {
      font: attr(normal, 'rFonts', 'eastAsia'),
      size: num(attr(normal, 'sz', 'val')),
      spacing: num(/<w:rPr>[\s\S]*?<w:spacing w:val="(-?\d+)"/.exec(normal)?.[1]),
    },
    evenAndOdd: /<w:evenAndOddHeaders\b(?![^>]*w:val="(false|0)")/.test(await part('word/settings.xml')),
    fontFallbacks: Object.fromEntries(
      [...fontTable.matchAll(/<w:font w:name="([^"]+)">[\s\S]*?<w:altName w:val="([^"]+)"/g)].map((m) => [
        m[1],
        m[2],
      ]),
    ),
    text: paragraphs.map((p) => p.text).join('\n'),
  };
}
