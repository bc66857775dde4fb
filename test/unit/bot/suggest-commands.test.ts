import { describe, expect, it } from 'vitest';
import { listCommands } from '../../../src/bot/commands/index.js';
import { likeness, suggestCommands } from '../../../src/bot/parsing/suggest-commands.js';
import { renderNotUnderstood } from '../../../src/render/not-understood.text.js';

const COMMANDS = listCommands();
const suggested = (typed: string) => suggestCommands(typed, COMMANDS).map((c) => c.names[0]);

describe('suggestCommands', () => {
  it('finds the closest commands by their Chinese or English names', () => {
    expect(suggested('查询进度')[0]).toBe('进展');
    expect(suggested('进展情况')[0]).toBe('进展');
    expect(suggested('黄牌警告')).toEqual(expect.arrayContaining(['黄牌', '警告']));
    expect(suggested('reprot')[0]).toBe('进展');
    expect(suggested('approv')[0]).toBe('销号');
    expect(suggested('今天逾期了吗')[0]).toBe('逾期');
    expect(suggested('foo')).toEqual([]);
    expect(suggested('你好')).toEqual([]);
    expect(suggested('查询进度').length).toBeLessThanOrEqual(3);
  });

  it('scores 1 for the name itself and 0 across scripts', () => {
    expect(likeness('进展', '进展')).toBe(1);
    expect(likeness('report', '进展')).toBe(0);
    expect(likeness('', 'help')).toBe(0);
  });
});

describe('renderNotUnderstood', () => {
  it('answers in two lines: what was not understood, the closest names in both languages, /帮助', () => {
    const text = renderNotUnderstood({
      typed: '查询进度',
      slash: true,
      suggestions: suggestCommands('查询进度', COMMANDS),
    });
    expect(text).toBe('没有“/查询进度”这个指令。您可能想用：/进展（/report）。\n发送 /帮助 查看全部指令。');
  });

  it('says so for free text, and echoes it inert and short', () => {
    const text = renderNotUnderstood({
      typed: '<b>请问</b>怎么[报送](https://x.cn)进展呢我也不太清楚',
      slash: false,
      suggestions: [],
    });
    expect(text.split('\n')).toHaveLength(2);
    expect(text).toMatch(/^没有听懂“＜b＞请问＜\/b＞怎么［报送］\(htt…”。\n/);
  });
});
