import { type MemberRole, ROLE_LABEL } from '../domain/members/member.js';
import { type Card, card, hr, markdown } from './card.js';
import { COLOUR } from './colours.js';
import { fitCard } from './fit.js';
import { escapeMd, grey } from './markdown.js';

/** One command as the help lists it. */
export interface HelpCommand {
  /** `/进展 6.1 [60%] 文本`. */
  usage: string;
  summary: string;
  officeOnly: boolean;
  example: string;
}

function whoLine(input: { isOffice: boolean; unit?: string; role?: MemberRole }): string {
  if (input.isOffice)
    return `您是 **督办员**${input.unit ? `（${escapeMd(input.unit)}）` : ''}，可使用全部命令。`;
  if (input.role === 'leader') return '您是 **领导**，可查询整改情况（只读，不报送、不审核）。';
  if (!input.unit) return '您尚未绑定责任单位，只能查询；请联系督办员发送：/绑定 @您 单位名称';
  const role = input.role ? ROLE_LABEL[input.role] : '成员';
  return `您是 **${escapeMd(input.unit)}** ${role}，可使用以下命令。`;
}

function commandLines(commands: HelpCommand[]): string {
  return commands
    .map((c) => `- **${escapeMd(c.usage)}**　${escapeMd(c.summary)}　${grey(`例：${escapeMd(c.example)}`)}`)
    .join('\n');
}

/** `/帮助`: the commands the caller may use (the office sees all), and who the caller is. */
export function renderHelpCard(input: {
  isOffice: boolean;
  unit?: string;
  role?: MemberRole;
  commands: HelpCommand[];
}): Card {
  const common = input.commands.filter((c) => !c.officeOnly);
  const office = input.commands.filter((c) => c.officeOnly);
  const elements = [
    markdown(whoLine(input)),
    hr(),
    markdown(['**常用命令**', commandLines(common)].join('\n')),
  ];
  if (input.isOffice && office.length) {
    elements.push(markdown(['**督办员命令**', commandLines(office)].join('\n')));
  }
  // Under the default scope (im:message.group_at_msg:readonly) Lark delivers only group messages
  // that @ the bot; a bare `/命令` reaches it only once the tenant grants im:message.group_msg.
  elements.push(
    markdown(
      grey(
        '在群里发命令请先 @督办助手，例如：@督办助手 /进展 6.1 60% 本月进展（@ 后可省略“/”）；不 @ 直接发 /命令，需管理员为应用开通“获取群组中所有消息”权限。中英文命令名均可使用。',
      ),
    ),
  );
  return fitCard(card({ title: '督办助手使用帮助', template: COLOUR.info, elements }));
}
