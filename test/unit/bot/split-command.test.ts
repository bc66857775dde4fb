import { describe, expect, it } from 'vitest';
import { reportCommand } from '../../../src/bot/commands/report.command.js';
import { normalizeDate, parseKpiValue, parsePercent } from '../../../src/bot/parsing/parse-args.js';
import { splitCommand } from '../../../src/bot/parsing/split-command.js';
import { DomainError } from '../../../src/domain/errors.js';

describe('splitCommand', () => {
  it('reads full-width slashes, digits, percent and ideographic spaces, keeping free text as typed', () => {
    const split = splitCommand('／进展　６.１　６０％　已开展培训，效果良好')!;
    expect(split).toMatchObject({ name: '进展', slash: true, tokens: ['6.1', '60%', '已开展培训,效果良好'] });
    expect(split.restFrom(2)).toBe('已开展培训，效果良好');
  });

  it('accepts a lone slash before the word and lower-cases English names', () => {
    expect(splitCommand('/ 逾期')).toMatchObject({ name: '逾期', tokens: [] });
    expect(splitCommand('/Report 6.1 x')).toMatchObject({ name: 'report' });
    expect(splitCommand('进展 6.1')).toMatchObject({ name: '进展', slash: false });
    expect(splitCommand('   ')).toBeNull();
  });
});

describe('argument parsers', () => {
  it('reads percents, KPI values and dates', () => {
    expect(parsePercent('60%', 'u')).toBe(60);
    expect(parsePercent('文本', 'u')).toBeUndefined();
    expect(() => parsePercent('六十%', 'u')).toThrow(DomainError);
    expect(parseKpiValue('网上办理率=88.5%', 'u')).toEqual({ name: '网上办理率', value: 88.5 });
    expect(parseKpiValue('无等号', 'u')).toBeUndefined();
    expect(() => parseKpiValue('网上办理率=高', 'u')).toThrow(/应为数字/);
    expect(normalizeDate('2023年9月30日')).toBe('2023-09-30');
    expect(normalizeDate('2023/9/3')).toBe('2023-09-03');
    expect(normalizeDate('明天')).toBe('明天');
  });
});

describe('/进展 reads the percent however it is typed', () => {
  const parse = (text: string) =>
    reportCommand.parse({
      split: splitCommand(text)!,
      mentions: [],
      attachments: [],
      usage: reportCommand.usage,
    });

  it.each([
    ['/进展 6.1 60% 已开展培训'],
    ['/进展 6.1 60 % 已开展培训'],
    ['／进展　６.１　６０％　已开展培训'],
    ['／进展　６.１　６０　％　已开展培训'],
    ['/进展 6.1 60　% 已开展培训'],
    ['/进展 6.1 60﹪ 已开展培训'],
  ])('%s → 60 and the text as typed', (text) => {
    expect(parse(text)).toMatchObject({ code: '6.1', percent: 60, text: '已开展培训' });
  });

  it('keeps a KPI value whose unit is written apart, and the percent in any order', () => {
    expect(parse('/进展 6.1 网上办理率=88.5 % 60 % 文本')).toEqual({
      code: '6.1',
      percent: 60,
      kpiValues: [{ name: '网上办理率', value: 88.5 }],
      text: '文本',
    });
    // A number without a percent sign is text, not a percent.
    expect(parse('/进展 6.1 3 场培训')).toMatchObject({ percent: undefined, text: '3 场培训' });
  });
});
