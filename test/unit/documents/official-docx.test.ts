import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAssessmentDocument } from '../../../src/documents/assessment-document.js';
import { buildBulletinDocument } from '../../../src/documents/bulletin-document.js';
import { FONTS, PAGE, writeOfficialDocx } from '../../../src/documents/docx-writer.js';
import {
  chineseNumber,
  issuerOf,
  numberPrefixOf,
  officialDate,
} from '../../../src/documents/official-document.js';
import { renderAssessmentCard } from '../../../src/render/supervision/assessment.card.js';
import { renderBulletinCard } from '../../../src/render/supervision/bulletin.card.js';
import { type DocxParagraph, type DocxReadBack, readDocx } from '../../helpers/docx-reader.js';
import { assessmentRows, bulletin, HOSTILE, plan, rule } from '../render/supervision/fixtures.js';
import { cardFigures } from './card-figures.js';

/** 1 mm in twips. */
const MM = 1440 / 25.4;
const settings = { cc: '县委办公室，县人民政府办公室', issuer: '上犹县优化营商环境工作领导小组办公室' };
/** The fixtures' May bulletin and 2023 assessment as documents. */
const bulletinModel = () => buildBulletinDocument({ bulletin, plan, settings, issuedOn: '2023-05-31' });
const assessmentModel = () =>
  buildAssessmentDocument({
    year: 2023,
    rows: assessmentRows,
    periods: ['2023-03', '2023-04', '2023-05'],
    rule,
    plan,
    settings: {},
    issuedOn: '2023-12-31',
  });

let doc: DocxReadBack;
const body = () => doc.paragraphs.filter((p) => !p.inTable);
const find = (re: RegExp): DocxParagraph => {
  const found = doc.paragraphs.find((p) => re.test(p.text));
  if (!found) throw new Error(`no paragraph ${re}`);
  return found;
};

beforeAll(async () => {
  const model = bulletinModel();
  doc = await readDocx(await writeOfficialDocx(model));
});

describe('the bulletin .docx read back against GB/T 9704-2012', () => {
  it('is A4 with 天头 37 mm and 订口 28 mm, a 版心 of 156 × 225 mm', () => {
    expect(doc.page).toEqual({
      width: 11906,
      height: 16838,
      top: 2098,
      bottom: 1984,
      left: 1588,
      right: 1474,
    });
    expect(doc.page.top / MM).toBeCloseTo(37, 0);
    expect(doc.page.left / MM).toBeCloseTo(28, 0);
    expect((doc.page.width - doc.page.left - doc.page.right) / MM).toBeCloseTo(156, 0);
    expect((doc.page.height - doc.page.top - doc.page.bottom) / MM).toBeCloseTo(225, 0);
  });

  it('sets 22 lines of 28 characters of 3号 仿宋 on the 版心', () => {
    const textHeight = doc.page.height - doc.page.top - doc.page.bottom;
    const textWidth = doc.page.width - doc.page.left - doc.page.right;
    expect(doc.grid).toEqual({ type: 'lines', linePitch: 579 });
    expect(Math.floor(textHeight / 579)).toBe(22);
    expect(doc.normal).toEqual({ font: '仿宋_GB2312', size: 32, spacing: -5 });
    // 16 pt less 0.25 pt per character: 28 fit, 29 do not.
    const pitch = 32 * 10 + (doc.normal.spacing ?? 0);
    expect(Math.floor(textWidth / pitch)).toBe(28);
    const paragraphs = body().filter((p) => p.runs.some((r) => r.size === 32));
    expect(paragraphs.length).toBeGreaterThan(10);
    for (const p of paragraphs) expect([p.line, p.lineRule]).toEqual([579, 'exact']);
    const lead = find(/^根据《/);
    expect(lead.firstLine).toBe(630);
    expect(lead.runs[0]).toMatchObject({ font: '仿宋_GB2312', size: 32 });
  });

  it('prints the 发文机关标志 in red 小标宋, then the 发文字号 over a red line across the 版心', () => {
    const [issuer] = doc.paragraphs;
    expect(issuer?.text).toBe('上犹县优化营商环境工作领导小组办公室');
    expect(issuer?.align).toBe('center');
    expect(issuer?.runs[0]).toMatchObject({ font: '方正小标宋简体', color: 'FF0000' });
    // Wide enough for one line: 18 characters of at most 442 pt / 18.
    expect(((issuer?.runs[0]?.size ?? 0) / 2) * 18).toBeLessThanOrEqual(442.2);
    const number = find(/〔2023〕/);
    expect(number.text).toBe('上营商办通〔2023〕5号');
    expect(number.align).toBe('center');
    expect(number.borderBottom).toEqual({ color: 'FF0000', size: 12 });
  });

  it('has a 2号 小标宋 title, centred, and the addressee flush left', () => {
    const title = find(/^关于/);
    expect(title.text).toBe('关于2023年5月整改工作情况的通报');
    expect(title.align).toBe('center');
    expect(title.runs[0]).toMatchObject({ font: '方正小标宋简体', size: 44 });
    expect(find(/^各责任单位/).text).toBe('各责任单位：');
  });

  it('numbers its sections 一、（一）1. in order, in 黑体, 楷体 and 仿宋', () => {
    const headings = body().filter((p) =>
      /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/.test(p.text),
    );
    const level1 = headings.filter((p) => /^[一二三四五六七八九十]+、/.test(p.text));
    expect(level1.map((p) => p.text)).toEqual([
      '一、各指标整改进度',
      '二、量化指标完成情况',
      '三、本月销号事项（1 项）',
      '四、逾期事项（2 项）',
      '五、本月黄牌警告（2 张）',
      '六、点名通报单位（1 个）',
    ]);
    for (const p of level1) expect(p.runs[0]?.font).toBe('黑体');
    const four = headings.findIndex((p) => p.text.startsWith('四、'));
    expect(headings.slice(four, four + 5).map((p) => p.text.replace(/（时限.*$/, ''))).toEqual([
      '四、逾期事项（2 项）',
      '（一）税务局（1 项）',
      '1.事项 6.1 涉税事项网上办理率较低',
      '（二）行政审批局（1 项）',
      '1.事项 1.1 市场主体地址审查效能有待提升',
    ]);
    expect(headings[four + 1]?.runs[0]?.font).toBe('楷体_GB2312');
    expect(headings[four + 2]?.runs[0]?.font).toBe('仿宋_GB2312');
  });

  it('ends with the 署名, the 成文日期 in Arabic numerals (GB/T 9704-2012 §7.3.5) four characters from the right, and the 版记', () => {
    const date = find(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(date.text).toBe('2023年5月31日');
    expect([date.align, date.right]).toEqual(['right', 4 * 315]);
    const signature = doc.paragraphs[doc.paragraphs.indexOf(date) - 1];
    expect(signature?.text).toBe(settings.issuer);
    const cc = find(/抄送/);
    expect(cc.text).toBe('抄送：县委办公室，县人民政府办公室。');
    const printed = find(/印发$/);
    expect(printed.text).toBe(`\t${settings.issuer}\t2023年5月31日印发`);
    expect(printed.runs[0]?.size).toBe(28);
    // The 版记 is a table ahead of the 署名 (see below), the 成文日期 the last paragraph.
    expect(doc.paragraphs.at(-1)).toBe(date);
    expect(doc.tables.at(-1)).toEqual([[cc.text], [printed.text]]);
  });

  it('numbers its pages “— 1 —” in 4号 宋体 on the outer side of odd and even pages', () => {
    expect(doc.evenAndOdd).toBe(true);
    const footers = doc.footers.map((f) => f[0]);
    expect(footers.map((p) => p?.text)).toEqual(['— {PAGE} —', '— {PAGE} —']);
    expect(footers.map((p) => p?.align).sort()).toEqual(['left', 'right']);
    for (const p of footers) expect(p?.runs[0]).toMatchObject({ font: '宋体', size: 28 });
  });

  it('names the official fonts with a free fallback for each', () => {
    expect(doc.fontFallbacks).toEqual(
      Object.fromEntries(Object.values(FONTS).map((f) => [f.name, f.fallback])),
    );
  });

  it('states every figure of the bulletin card: totals, indicator and KPI rows, overdue tasks, cards, units named', () => {
    const card = cardFigures(renderBulletinCard(bulletin));
    expect(card.summary).toBe(find(/^截至/).text);
    const [indicators, kpis, warnings, named] = doc.tables;
    expect(indicators?.slice(1)).toEqual(
      card.tables[0]?.map((r) =>
        [r.seq, r.name, r.total, r.closed, r.active, r.overdue, r.percent].map(String),
      ),
    );
    expect(kpis?.slice(1).map((r) => r.slice(0, 5))).toEqual(
      card.tables[1]?.map((r) => [r.code, r.name, r.baseline, r.target, r.latest].map(String)),
    );
    expect(kpis?.slice(1).map((r) => r[5])).toEqual(['未报', '达标', '未达标']);
    for (const row of card.tables[2] ?? []) {
      const unit = doc.text.indexOf(`${row.unit}（`);
      const line = doc.text
        .slice(unit)
        .split('\n')
        .find((l) => l.includes(`事项 ${row.code} `));
      expect(line).toContain(`（时限 ${row.deadline}，逾期 ${row.days} 天）`);
    }
    expect(warnings?.slice(1).map((r) => r.slice(0, 3))).toEqual(
      card.tables[3]?.map((r) => [r.id, r.unit, r.kind].map(String)),
    );
    expect(named?.slice(1).map((r) => r[0])).toEqual(bulletin.namedUnits.map((u) => u.unit));
    expect(named?.[1]?.[1]).toContain('6.2 ');
  });
});

describe('text from the plan and the chat', () => {
  it('is written as text: XML and markdown specials read back as typed', async () => {
    const reason = `${HOSTILE} </w:t><w:p> & "引号"`;
    const hostile = { ...bulletin, warnings: [{ ...bulletin.warnings[0]!, reason, unit: '税务局<b>' }] };
    const read = await readDocx(
      await writeOfficialDocx(
        buildBulletinDocument({ bulletin: hostile, plan, settings, issuedOn: '2023-05-31' }),
      ),
    );
    const row = read.tables.find((t) => t[0]?.[0] === '编号')?.[1];
    expect(row?.slice(1)).toEqual(['税务局<b>', '逾期未完成', reason]);
  });
});

describe('the assessment .docx', () => {
  it('has the card’s summary and one row per unit with the card’s figures', async () => {
    const model = assessmentModel();
    const read = await readDocx(await writeOfficialDocx(model));
    const card = cardFigures(renderAssessmentCard({ year: 2023, rows: assessmentRows, rule, draft: false }));
    expect(read.paragraphs.map((p) => p.text)).toContain(card.summary);
    expect(read.tables[0]?.slice(1).map((r) => r.slice(1))).toEqual(
      card.tables[0]?.map((r) =>
        [r.unit, r.tasks, r.onTime, r.late, r.missed, r.overdue, r.signedOff, r.warnings, r.score].map(
          String,
        ),
      ),
    );
    expect(read.paragraphs[0]?.text).toBe(issuerOf(plan, {}));
    expect(read.paragraphs.map((p) => p.text)).toContain(`${numberPrefixOf(plan, {})}考〔2023〕1号`);
    expect(read.paragraphs.map((p) => p.text)).toEqual(
      expect.arrayContaining([
        '一、考核结果',
        '二、有关说明',
        '（一）统计月份',
        '（二）评分规则',
        '2023年12月31日',
      ]),
    );
    // No DOCUMENT_CC: the 版记 has only the 印发机关 and date.
    expect(read.text).not.toContain('抄送');
    expect(read.tables.at(-1)).toEqual([[`\t${issuerOf(plan, {})}\t2023年12月31日印发`]]);
  });
});

describe('document wording', () => {
  it('writes the 成文日期 in Arabic numerals without leading zeros, and heading numbers in Chinese', () => {
    expect(officialDate('2023-05-31')).toBe('2023年5月31日');
    expect(officialDate('2030-01-06')).toBe('2030年1月6日');
    expect([1, 10, 12, 20, 31].map(chineseNumber)).toEqual(['一', '十', '十二', '二十', '三十一']);
  });

  it('takes the issuer and the number prefix from the plan unless configured', () => {
    expect(issuerOf({ title: '上犹县 2022 年度省营商环境第三方评价反馈问题整改提升工作方案' }, {})).toBe(
      '上犹县整改工作督办办公室',
    );
    expect(
      issuerOf(
        {
          title: '上犹县 2022 年度省营商环境第三方评价反馈问题整改提升工作方案',
          issuer: '上犹县优化营商环境工作领导小组',
        },
        {},
      ),
    ).toBe('上犹县优化营商环境工作领导小组办公室');
    expect(issuerOf({ title: '某县审计整改方案', issuer: '某县人民政府办公室' }, {})).toBe(
      '某县人民政府办公室',
    );
    expect(issuerOf(plan, { issuer: '某某办公室' })).toBe('某某办公室');
    expect(numberPrefixOf({ docNo: '上营商〔2023〕1号' }, {})).toBe('上营商办');
    expect(numberPrefixOf({ docNo: '上营商〔2023〕1号' }, { numberPrefix: '上督' })).toBe('上督');
  });
});

describe('tables over pages', () => {
  const xmlOf = async (model: Parameters<typeof writeOfficialDocx>[0]) =>
    (await JSZip.loadAsync(await writeOfficialDocx(model))).file('word/document.xml')!.async('string');

  it('lets a table break between rows, its header row repeated, its lines off the 3号 grid', async () => {
    const xml = await xmlOf(bulletinModel());
    // The body's tables; the last one is the 版记.
    const tables = (xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).slice(0, -1);
    expect(tables).toHaveLength(4);
    for (const tbl of tables) {
      const rows = tbl.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
      // The header row repeats on each page; body rows stay whole, the table itself may break.
      expect(rows[0]).toContain('<w:tblHeader/>');
      expect(rows[0]).not.toContain('<w:cantSplit/>');
      for (const row of rows.slice(1)) {
        expect(row).toContain('<w:cantSplit/>');
        expect(row).not.toContain('<w:tblHeader/>');
      }
      // No keep-with-next chain through the table, and every cell paragraph is off the line grid.
      expect(tbl).not.toContain('keepNext');
      const paragraphs = tbl.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? [];
      expect(paragraphs.length).toBe(rows.length * (rows[0]?.match(/<w:tc>/g)?.length ?? 0));
      for (const p of paragraphs) expect(p).toMatch(/^<w:p><w:pPr><w:snapToGrid w:val="0"\/><w:spacing /);
    }
    for (const tbl of tables) expect(tbl).not.toContain('<w:tblpPr');
  });

  it('centres a column of short values and sets names flush left', async () => {
    const read = await readDocx(await writeOfficialDocx(bulletinModel()));
    const cells = read.paragraphs.filter((p) => p.inTable);
    const alignOf = (text: string) => cells.find((p) => p.text === text)?.align;
    // 序号 and counts centred, the indicator's name flush left; the header row centred.
    expect(alignOf(bulletin.indicators[0]!.name)).toBe('left');
    expect(alignOf('指标')).toBe('center');
    for (const p of cells.filter((c) => /^\d+(\.\d+)?%?$/.test(c.text))) expect(p.align).toBe('center');
  });
});

describe('the 版记 at the foot of the last page', () => {
  it('is a table floating to the 版心’s foot, as wide as the 版心, anchored by the line before the 署名', async () => {
    const model = bulletinModel();
    const xml = await (await JSZip.loadAsync(await writeOfficialDocx(model)))
      .file('word/document.xml')!
      .async('string');
    const record = /<w:tbl>(?:(?!<\/w:tbl>)[\s\S])*抄送：[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
    // Its foot on the 版心's foot (GB/T 9704 §7.4), at the 订口 across the 版心, and nothing under it.
    const position = /<w:tblpPr [^>]*\/>/.exec(record)?.[0] ?? '';
    expect(position).toContain('w:vertAnchor="margin"');
    expect(position).toContain('w:tblpYSpec="bottom"');
    expect(position).toContain('w:horzAnchor="page"');
    expect(position).toContain(`w:tblpX="${PAGE.left}"`);
    expect(record).toContain('<w:tblOverlap w:val="never"/>');
    expect(record).toContain(`<w:tblW w:type="dxa" w:w="${PAGE.textWidth}"/>`);
    // Thick lines above and below, a thin one between 抄送 and 印发.
    expect(record).toMatch(/<w:top w:val="single" w:color="000000" w:sz="8"\/>/);
    expect(record).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="8"\/>/);
    expect(record).toMatch(/<w:insideH w:val="single" w:color="000000" w:sz="6"\/>/);
    // 抄送 one 4号 character in; a second line under the first 抄送机关 (三 characters of 14 pt less 0.25 pt each in).
    const ccIndent = /<w:ind [^>]*\/>/.exec(record.slice(0, record.indexOf('抄送：')))?.[0] ?? '';
    expect(ccIndent).toContain('w:hanging="825"');
    expect(ccIndent).toContain(`w:left="${280 + 825}"`);
    expect(ccIndent).toContain('w:right="280"');
    // It comes right before the 署名's blank line, which keeps with the 署名 and that with the 成文日期,
    // so the 版记 stands on the page of the 成文日期, the last one.
    const after = xml.slice(xml.indexOf(record) + record.length);
    const paragraphs = after.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? [];
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs.map((p) => p.includes('<w:keepNext/>'))).toEqual([true, true, false]);
    expect(paragraphs[1]).toContain(settings.issuer);
    expect(paragraphs[2]).toContain('2023年5月31日');
  });
});

describe('the end of the body', () => {
  it('keeps its last line with the 署名, so the 署名 and the 版记 never stand on a page of their own', async () => {
    const model = assessmentModel();
    const xml = await (await JSZip.loadAsync(await writeOfficialDocx(model)))
      .file('word/document.xml')!
      .async('string');
    const body = xml.slice(0, xml.lastIndexOf('<w:tbl>'));
    const paragraphs = body.match(/<w:p>(?:(?!<w:p>)[\s\S])*?<\/w:p>/g) ?? [];
    const last = paragraphs.at(-1) ?? '';
    // The 评分规则 paragraph ends the body and keeps with what follows; the one before it does not.
    expect(last).toContain('评分规则：');
    expect(last).toContain('<w:keepNext/>');
    expect(paragraphs.at(-3)).toContain('统计月份：');
    expect(paragraphs.at(-3)).not.toContain('<w:keepNext/>');
  });
});
