import { type Card, card, markdown } from './card.js';
import { COLOUR } from './colours.js';
import { grey } from './markdown.js';

/** One line of `/设置`: a setting's name, its value in effect (validated, not user text), and whether the plan set it itself. */
export interface SettingLine {
  name: string;
  value: string;
  own: boolean;
}

/** `/设置`: the plan's cycle settings in effect; `changed` says what was just set. */
export function renderPlanSettingsCard(input: {
  planName: string;
  reportDay: number;
  lines: SettingLine[];
  changed?: string;
}): Card {
  const lines = input.lines.map(
    (l) => `- **${l.name}**：${l.value}${l.own ? '（本方案设置）' : grey('（默认）')}`,
  );
  return card({
    title: input.changed ? '方案设置已修改' : '方案设置',
    subtitle: input.planName,
    template: input.changed ? COLOUR.done : COLOUR.info,
    elements: [
      ...(input.changed ? [markdown(input.changed)] : []),
      markdown([`- **报送日**：每月 ${input.reportDay} 日（按方案通知）`, ...lines].join('\n')),
      markdown(
        grey(
          '督办员可发送 /设置 名称 值 修改本方案的设置，如 /设置 提醒日 20,23；值为“默认”则恢复部署的默认值。' +
            '时间为北京时间；修改推送时间后，自调度器下一次运行起生效（最迟次日首个推送时刻）。',
        ),
      ),
    ],
  });
}
