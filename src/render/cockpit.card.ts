import type { CockpitLink } from '../cockpit/cockpit-link.js';
import { type Card, card, linkButton, markdown } from './card.js';
import { COLOUR } from './colours.js';
import { grey } from './markdown.js';

/** `/驾驶舱`: the plan's cockpit link, with who may open it. */
export function renderCockpitCard(input: { docNo: string; link: CockpitLink }): Card {
  return card({
    title: '督办驾驶舱',
    subtitle: input.docNo,
    template: COLOUR.info,
    elements: [
      markdown(
        `整改全貌一页查看：总体进度、各指标进展、单位报送与考核、量化指标走势、逾期与黄牌清单、操作记录和销号材料（只读）。`,
      ),
      linkButton({ text: '打开驾驶舱', type: 'primary', url: input.link.url, pcUrl: input.link.pcUrl }),
      markdown(grey('仅督办员和领导小组成员可登录查看；领导由督办员发送 /绑定 @成员 领导 开通。')),
    ],
  });
}

/** A card (the monthly bulletin) with an 打开驾驶舱 button at its end when the cockpit is on. */
export function withCockpitButton(input: Card, link: CockpitLink | undefined): Card {
  if (!link) return input;
  const open = linkButton({ text: '打开驾驶舱查看详情', url: link.url, pcUrl: link.pcUrl });
  return { ...input, body: { elements: [...input.body.elements, open] } };
}
