import { describe, expect, it } from 'vitest';
import { renderHelpCard } from '../../../src/render/help.card.js';
import { cardProblems } from './card-checks.js';
import { helpCommands } from './fixtures.js';

describe('renderHelpCard', () => {
  it('shows a member only the non-office commands, with who they are', () => {
    const built = renderHelpCard({
      isOffice: false,
      unit: '税务局',
      role: 'liaison',
      commands: helpCommands,
    });
    expect(built).toMatchSnapshot();
    const json = JSON.stringify(built);
    expect(built.header.template).toBe('blue');
    expect(json).toContain('您是 **税务局** 联络员');
    expect(json).toContain('申请销号');
    expect(json).not.toContain('/销号 编号');
    expect(json).not.toContain('督办员命令');
    expect(cardProblems(built)).toEqual([]);
  });

  it('shows the office every command', () => {
    const built = renderHelpCard({
      isOffice: true,
      unit: '县优化营商环境办',
      role: 'office',
      commands: helpCommands,
    });
    expect(built).toMatchSnapshot();
    const json = JSON.stringify(built);
    expect(json).toContain('您是 **督办员**');
    expect(json).toContain('/销号 编号');
    expect(json).toContain('/延期 编号 日期 理由');
  });

  it('tells an unbound caller how to get bound', () => {
    const json = JSON.stringify(renderHelpCard({ isOffice: false, commands: helpCommands }));
    expect(json).toContain('您尚未绑定责任单位');
  });

  it('escapes the brackets in usages', () => {
    const json = JSON.stringify(renderHelpCard({ isOffice: false, commands: helpCommands }));
    expect(json).toContain('/进展 编号 &#91;进度%&#93; 内容');
  });
});
