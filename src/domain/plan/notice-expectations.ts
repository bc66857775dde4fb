/** What the parser expected, in the `“…”（expected …）` form error messages use. */
export const EXPECT = {
  indicator: '“（一）…指标（责任单位：…）”（expected indicator heading）',
  problem: '“问题一：”（expected 问题）',
  problemText: '问题内容（expected problem text）',
  measures: '“整改措施：”（expected 整改措施）',
  measuresText: '整改措施内容（expected measures text）',
  deadline: '“整改时限：”（expected 整改时限）',
  nextElement: '“问题…：”、下一个指标或“三、…”标题（expected next problem, indicator or section）',
  leadUnit: '责任单位名称（expected lead unit）',
  indicatorNumber: (after: number) => `大于 ${after} 的指标序号（expected indicator number after ${after}）`,
  problemNumber: (after: number) => `大于 ${after} 的问题序号（expected problem number after ${after}）`,
} as const;
