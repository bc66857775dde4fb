import { parseChineseNumeral } from './chinese-numeral.js';
import { parseDeadline } from './deadline.parser.js';
import { splitMeasures } from './measures.parser.js';
import { assemblePlan, readNoticeHeader } from './notice.parser.js';
import { composeTask } from './notice-body.parser.js';
import { EXPECT } from './notice-expectations.js';
import { NoticeParseError } from './notice-parse.error.js';
import { INDICATOR_HEADER, PROBLEM } from './notice-patterns.js';
import { type NoticeLine, normalizeSpaces } from './notice-text.js';
import type { Plan, PlanIndicator, PlanTask } from './plan.js';
import { splitLeadAndCoUnits } from './unit-list.js';

/**
 * A task list (整改任务清单) as rows of cell text, merged cells already filled with their value,
 * with the prose around it (a Word file's paragraphs before and after its table).
 */
export interface TaskTable {
  rows: readonly (readonly string[])[];
  /** The row number of `rows[0]` as the office sees it (1 for a sheet's first row). */
  firstRow: number;
  /** Paragraphs before the table (文号, title), if any; rows above the header are read too. */
  before: readonly NoticeLine[];
  /** Paragraphs after the table (report day, contact), if any; text rows after the tasks are read too. */
  after: readonly NoticeLine[];
  /** Prefixed to places in errors: `表格` gives `表格第 5 行第 6 列`. */
  label?: string;
  /** Each row's own place, when rows come from several tables (`Word 第 2 个表格第 3 行`); a cell adds `第 C 列`. */
  rowPlaces?: readonly string[];
}

type Column = 'indicator' | 'problem' | 'measures' | 'lead' | 'co' | 'deadline';

/**
 * Header names by column, tried in this order on each header cell (配合单位 before 责任单位,
 * 完成时限 before the rest): `问题（表现）` / `存在问题`, `责任单位` / `牵头单位`, `完成时限` / `整改时限`…
 */
const HEADER_NAMES: readonly [Column, RegExp][] = [
  ['co', /(?:配合|协同|协助|协办)(?:单位|部门)/],
  ['lead', /(?:责任|牵头|主责|承办)(?:单位|部门)|^责任主体$/],
  ['deadline', /时限|完成时间|时间节点|整改期限|完成期限/],
  ['measures', /措施|举措/],
  ['problem', /问题|表现|短板|失分点/],
  ['indicator', /指标|领域|评价事项/],
];

/** The columns a task list must have; the indicator may instead head its rows (`（一）…指标（责任单位：…）`). */
const REQUIRED: readonly [Column, string][] = [
  ['problem', '问题（表现）'],
  ['measures', '整改措施'],
  ['lead', '责任单位'],
  ['deadline', '完成时限'],
];

/** How far down a sheet the header row may be (title rows above it). */
const HEADER_SEARCH_ROWS = 12;

type Columns = Partial<Record<Column, number>>;

/** The index of the header row among the first rows, when the table is a task list. */
export function findTaskTableHeader(rows: readonly (readonly string[])[]): number | undefined {
  const index = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => {
    const columns = readColumns(row);
    return columns.problem !== undefined && columns.measures !== undefined && columns.deadline !== undefined;
  });
  return index < 0 ? undefined : index;
}

function readColumns(row: readonly string[]): Columns {
  const columns: Columns = {};
  row.forEach((cell, index) => {
    const name = cell.replace(/\s+/g, '');
    if (name === '' || name.length > 16) return;
    const column = HEADER_NAMES.find(([kind, pattern]) => columns[kind] === undefined && pattern.test(name));
    if (column && !Object.values(columns).includes(index)) columns[column[0]] = index;
  });
  return columns;
}

/**
 * Reads a task list into the same plan as the notice's prose: one row per task, the indicator cell
 * (merged across its tasks) starting an indicator when it changes, units split on `、，,；;/`, the
 * deadline cell read as `整改时限：`. The 文号 and title come from the prose or the rows above the
 * header, the report day and contact from the prose or the text rows after the tasks. Errors name
 * the row and column (`第 5 行第 6 列`).
 */
export function parseTaskTable(table: TaskTable): Plan {
  const place = placeNamer(table);
  const headerIndex = findTaskTableHeader(table.rows);
  if (headerIndex === undefined)
    throw new NoticeParseError(
      table.firstRow,
      '表头行：指标、问题（表现）、整改措施、责任单位、完成时限（expected a header row）',
      undefined,
      place.row(0),
    );
  const columns = requireColumns(table.rows[headerIndex] ?? [], headerIndex, place);
  const front = [
    ...table.before,
    ...table.rows.slice(0, headerIndex).flatMap((row, i) => proseLine(row, i, table)),
  ];
  const header = readTableHeader(front, place.row(headerIndex));
  const reader = new TaskRowReader(columns, place);
  const tail: NoticeLine[] = [];
  table.rows.forEach((row, index) => {
    if (index <= headerIndex || row.every((cell) => cell.trim() === '')) return;
    if (isProseRow(row, columns)) {
      const [line] = proseLine(row, index, table);
      if (line && !reader.startSection(line.text)) tail.push(line);
    } else {
      reader.readTask(row, index);
    }
  });
  const indicators = reader.finish(headerIndex);
  return assemblePlan(header, indicators, [...tail, ...table.after]);
}

interface PlaceNamer {
  rowNumber(index: number): number;
  row(index: number): string;
  cell(index: number, column: number): string;
}

function placeNamer({ firstRow, label = '', rowPlaces }: TaskTable): PlaceNamer {
  const row = (index: number) => rowPlaces?.[index] ?? `${label}第 ${firstRow + index} 行`;
  return {
    rowNumber: (index) => firstRow + index,
    row,
    cell: (index, column) => `${row(index)}第 ${column + 1} 列`,
  };
}

function requireColumns(header: readonly string[], headerIndex: number, place: PlaceNamer): Columns {
  const columns = readColumns(header);
  for (const [column, name] of REQUIRED) {
    if (columns[column] === undefined)
      throw new NoticeParseError(
        place.rowNumber(headerIndex),
        `“${name}”列（expected a ${name} column）`,
        header.filter((c) => c.trim() !== '').join(' / '),
        place.row(headerIndex),
      );
  }
  return columns;
}

/** A row that is one text (merged across, or a single cell) rather than a task: a title, a note. */
function isProseRow(row: readonly string[], columns: Columns): boolean {
  const texts = new Set(row.map((cell) => cell.trim()).filter((cell) => cell !== ''));
  if (texts.size !== 1) return false;
  const problem = row[columns.problem ?? -1]?.trim() ?? '';
  const measures = row[columns.measures ?? -1]?.trim() ?? '';
  return problem === measures;
}

function proseLine(row: readonly string[], index: number, table: TaskTable): NoticeLine[] {
  const text = normalizeSpaces(
    [...new Set(row.map((cell) => cell.trim()).filter((c) => c !== ''))].join(' '),
  );
  return text === '' ? [] : [{ text, line: table.firstRow + index }];
}

/** A sheet's title often reads `附件：…方案整改任务清单`: the plan's title is the 方案 before it. */
function readTableHeader(front: readonly NoticeLine[], headerPlace: string) {
  const titled = front.map((l) => ({
    ...l,
    text: l.text
      .replace(/^附件\s*\d*\s*[：:]?\s*/, '')
      .replace(/\s*[（(]?(?:整改)?(?:任务|问题)?(?:清单|台账)[）)]?$/, ''),
  }));
  try {
    return readNoticeHeader(titled);
  } catch (error) {
    if (error instanceof NoticeParseError) throw error.at(`${headerPlace}表头之上`);
    throw error;
  }
}

/** Reads task rows in order, grouping them into indicators as the indicator cell changes. */
class TaskRowReader {
  private readonly indicators: PlanIndicator[] = [];
  /** An indicator heading row (`（一）开办企业指标（责任单位：…）` merged across) for a table without one per row. */
  private section: NamedIndicator | undefined;
  /** True after a heading row until its first task. */
  private sectionPending = false;
  private lastIndicatorCell = '';

  constructor(
    private readonly columns: Columns,
    private readonly place: PlaceNamer,
  ) {}

  /** Takes a text row that is an indicator heading; false for any other text. */
  startSection(text: string): boolean {
    const named = INDICATOR_HEADER.test(text) ? readIndicatorCell(text) : undefined;
    if (!named) return false;
    this.section = named;
    this.sectionPending = true;
    return true;
  }

  readTask(row: readonly string[], index: number): void {
    const cell = (column: Column) => normalizeSpaces(row[this.columns[column] ?? -1] ?? '');
    const at = (column: Column) => this.cellPlace(column, index);
    const indicator = this.indicatorFor(cell('indicator'), index);
    const { seq, problem } = this.readProblem(cell('problem'), indicator, index);
    if (problem === '')
      throw new NoticeParseError(this.place.rowNumber(index), EXPECT.problemText, undefined, at('problem'));
    const measures = splitMeasures(normalizeSpaces(joinCellLines(row[this.columns.measures ?? -1] ?? '')));
    if (measures.length === 0)
      throw new NoticeParseError(this.place.rowNumber(index), EXPECT.measuresText, undefined, at('measures'));
    const when = this.readDeadline(cell('deadline'), index, at('deadline'));
    const task = composeTask(`${indicator.seq}.${seq}`, problem, measures, when);
    this.assignUnits(indicator, task, cell('lead'), cell('co'), index);
    indicator.tasks.push(task);
  }

  finish(headerIndex: number): PlanIndicator[] {
    if (this.indicators.length === 0)
      throw new NoticeParseError(
        this.place.rowNumber(headerIndex + 1),
        '任务行（expected task rows under the header）',
        undefined,
        this.place.row(headerIndex + 1),
      );
    return this.indicators;
  }

  private indicatorFor(text: string, index: number): PlanIndicator {
    const current = this.indicators.at(-1);
    const sameAsAbove = text === '' || text === this.lastIndicatorCell;
    // A blank indicator cell under a filled one means “same as above”, as an unmerged copy often has it.
    if (current && sameAsAbove && !this.sectionPending) return current;
    const named = text === '' ? this.section : readIndicatorCell(text);
    const place = this.cellPlace('indicator', index);
    if (!named)
      throw new NoticeParseError(
        this.place.rowNumber(index),
        this.columns.indicator === undefined
          ? '“指标”列或指标标题行（expected an indicator column or heading row）'
          : '指标名称（expected indicator name）',
        undefined,
        place,
      );
    const previousSeq = current?.seq ?? 0;
    const seq = named.seq ?? previousSeq + 1;
    if (seq <= previousSeq)
      throw new NoticeParseError(
        this.place.rowNumber(index),
        EXPECT.indicatorNumber(previousSeq),
        text,
        place,
      );
    const heading =
      named.leadUnits.length > 0 ? named : this.section?.name === named.name ? this.section : undefined;
    const indicator: PlanIndicator = {
      seq,
      name: named.name,
      leadUnits: heading?.leadUnits ?? [],
      ...(heading && heading.coUnits.length > 0 && { coUnits: heading.coUnits }),
      tasks: [],
    };
    this.indicators.push(indicator);
    this.lastIndicatorCell = text;
    this.sectionPending = false;
    return indicator;
  }

  private readProblem(
    text: string,
    indicator: PlanIndicator,
    index: number,
  ): { seq: number; problem: string } {
    const last = indicator.tasks.at(-1);
    const previousSeq = last ? Number(last.code.split('.')[1]) : 0;
    const match = PROBLEM.exec(text);
    if (!match) return { seq: previousSeq + 1, problem: text };
    const seq = match[1] === undefined ? previousSeq + 1 : parseChineseNumeral(match[1]);
    if (seq === undefined || seq <= previousSeq)
      throw new NoticeParseError(
        this.place.rowNumber(index),
        EXPECT.problemNumber(previousSeq),
        text,
        this.cellPlace('problem', index),
      );
    return { seq, problem: normalizeSpaces(match[2] ?? '') };
  }

  private readDeadline(text: string, index: number, place: string) {
    try {
      return parseDeadline(text, this.place.rowNumber(index));
    } catch (error) {
      if (error instanceof NoticeParseError) throw error.at(place);
      throw error;
    }
  }

  /** The indicator's units are its first task's (or its heading's); a task that differs keeps its own. */
  private assignUnits(
    indicator: PlanIndicator,
    task: PlanTask,
    lead: string,
    co: string,
    index: number,
  ): void {
    const listed = splitLeadAndCoUnits(lead);
    const leadUnits = listed.leadUnits.length > 0 ? listed.leadUnits : indicator.leadUnits;
    if (leadUnits.length === 0)
      throw new NoticeParseError(
        this.place.rowNumber(index),
        EXPECT.leadUnit,
        undefined,
        this.cellPlace('lead', index),
      );
    const coUnits = [...new Set([...listed.coUnits, ...splitLeadAndCoUnits(co).leadUnits])];
    if (indicator.tasks.length === 0 && indicator.leadUnits.length === 0) {
      indicator.leadUnits = leadUnits;
      if (coUnits.length > 0) indicator.coUnits = coUnits;
      return;
    }
    if (!sameUnits(leadUnits, indicator.leadUnits)) task.leadUnits = leadUnits;
    if (coUnits.length > 0 && !sameUnits(coUnits, indicator.coUnits ?? [])) task.coUnits = coUnits;
  }

  private cellPlace(column: Column, index: number): string {
    return this.place.cell(index, this.columns[column] ?? 0);
  }
}

/** An indicator as a cell or heading row names it, with the units the heading lists (none in a bare name). */
interface NamedIndicator {
  name: string;
  seq?: number;
  leadUnits: string[];
  coUnits: string[];
}

/** `开办企业指标`, `（一）开办企业指标`, `1.开办企业指标` or a whole heading with its units. */
function readIndicatorCell(text: string): NamedIndicator {
  const heading = INDICATOR_HEADER.exec(text);
  const numbered =
    heading ?? /^[（(]?\s*([一二三四五六七八九十]+|\d{1,2})\s*(?:[）)]|[、.．])\s*(.+)$/.exec(text);
  const seq = numbered ? parseChineseNumeral(numbered[1] ?? '') : undefined;
  return {
    name: normalizeSpaces(numbered?.[2] ?? text),
    ...(seq !== undefined && { seq }),
    ...splitLeadAndCoUnits(heading?.[3] ?? ''),
  };
}

/**
 * A cell's lines as one text, a line without closing punctuation ending in `；`: measures written one
 * per line in a cell (`①…⏎②…`) keep the boundary their markers need.
 */
function joinCellLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line, i, all) => (i < all.length - 1 && !/[。；;，,：:！？!?、]$/.test(line) ? `${line}；` : line))
    .join('');
}

function sameUnits(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((unit, i) => unit === b[i]);
}
