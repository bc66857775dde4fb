import { DomainError, fail } from '../../domain/errors.js';
import type { MessageFile } from '../../domain/messenger.js';
import { importIntoGroup, importTarget } from '../../domain/plan/import-into-group.js';
import { NoticeParseError, type Plan } from '../../domain/plan/index.js';
import { NoticeFormatError } from '../../notice-formats/notice-format.error.js';
import { readNotice } from '../../notice-formats/read-notice.js';
import { renderImportPreview, renderImportResult } from '../../render/import.card.js';
import { defineCommand } from '../command.js';
import type { UnboundContext } from '../context.js';
import { badInput } from '../parsing/parse-args.js';

type ImportArgs = { action: 'preview' } | { action: 'confirm'; fileMessageId: string } | { action: 'cancel' };

const FILE_MESSAGE_ID = /^om_[0-9A-Za-z_-]{1,64}$/;

/** Why a file could not be read, as the office is told. */
const UNREADABLE: Record<Exclude<MessageFile, { ok: true }>['reason'], string> = {
  not_found:
    '找不到该文件消息：它可能已撤回，或不在本群。请在本群重新发送方案通知文件，再回复该文件发送 @督办助手 /导入。',
  not_a_file: '回复的消息不是文件。请先在群里发送方案通知文件，再回复该文件发送 @督办助手 /导入。',
  no_permission:
    '机器人没有读取群消息的权限（im:message.group_msg），无法读取该文件。请企业管理员在开放平台为应用开通该权限后重试。',
  too_large: '文件过大，不像一份方案通知（上限 20 MB）。未导入任何内容。',
};

/** Reads and parses the notice the file message carries; every failure names what was wrong. */
async function readNoticeFile(
  ctx: UnboundContext,
  fileMessageId: string,
): Promise<{ plan: Plan; fileName: string }> {
  const file = await ctx.messenger.readMessageFile(ctx.event.chatId, fileMessageId);
  if (!file.ok) fail('BAD_INPUT', UNREADABLE[file.reason]);
  try {
    return { plan: await readNotice(file.data, file.fileName), fileName: file.fileName };
  } catch (error) {
    if (error instanceof NoticeParseError)
      throw new DomainError(
        'BAD_INPUT',
        `方案通知“${file.fileName.slice(0, 60)}”无法解析：${error.message}。未导入任何内容。`,
      );
    if (error instanceof NoticeFormatError)
      throw new DomainError('BAD_INPUT', `${error.message}未导入任何内容。`);
    throw error;
  }
}

/** `/导入` in a group, bound to its plan or not yet (then only for an office admin from the settings). */
async function runImport(ctx: UnboundContext, args: ImportArgs): Promise<void> {
  if (ctx.event.kind === 'message' && ctx.event.chatType === 'p2p')
    fail('BAD_INPUT', '请在要督办的工作群里发送方案通知文件，再回复该文件发送 @督办助手 /导入。');
  if (args.action === 'cancel') return ctx.reply('已取消，未导入任何内容。');
  const fileMessageId =
    args.action === 'confirm'
      ? args.fileMessageId
      : ((ctx.event.kind === 'message' ? ctx.event.parentId : undefined) ??
        fail(
          'BAD_INPUT',
          '请先在群里发送方案通知文件（.txt、.docx、文字版 .pdf、.html 或 Excel 任务清单 .xlsx），再回复该文件发送 @督办助手 /导入。',
        ));
  const { plan, fileName } = await readNoticeFile(ctx, fileMessageId);
  if (args.action === 'preview') {
    const existing = await importTarget(ctx.tenancy, ctx.event.chatId, plan);
    return ctx.replyCard(renderImportPreview({ plan, fileName, fileMessageId, existing }));
  }
  const result = await importIntoGroup(ctx.tenancy, ctx.caller, {
    chatId: ctx.event.chatId,
    plan,
    source: ctx.event.eventId,
  });
  await ctx.replyCard(
    renderImportResult({ ...result, title: plan.title, officeName: ctx.caller.name ?? '督办员' }),
  );
}

/** `/导入`: replying to a notice file in a group, a preview; 确认导入 imports it and binds the group. */
export const importCommand = defineCommand<ImportArgs>({
  names: ['导入', 'import'],
  usage: '/导入（回复方案通知文件）',
  summary: '回复群里的方案通知文件：预览后确认导入，方案绑定本群',
  example: '/导入',
  officeOnly: true,
  parse: ({ split, usage }) => {
    const [word, id, ...rest] = split.tokens;
    if (word === undefined) return { action: 'preview' };
    if ((word === '取消' || word === 'cancel') && id === undefined) return { action: 'cancel' };
    if (
      (word === '确认' || word === 'confirm') &&
      id !== undefined &&
      FILE_MESSAGE_ID.test(id) &&
      rest.length === 0
    )
      return { action: 'confirm', fileMessageId: id };
    throw badInput('导入的格式不对：回复方案通知文件发送 /导入，再按卡片上的“确认导入”。', usage);
  },
  run: runImport,
  runUnbound: runImport,
});
