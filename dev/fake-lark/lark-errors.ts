import type { Response } from 'express';

/** Codes the fake answers with (lark.md §6.3); names say what the code means. */
export const LarkCode = {
  ok: 0,
  badRequest: 9499,
  appSecretInvalid: 10014,
  pathNotFound: 99991201,
  rateLimited: 99991400,
  tokenMissing: 99991661,
  tokenInvalid: 99991663,
  fieldValidation: 99992402,
  invalidParam: 230001,
  /** 获取指定消息的内容 of a group message without the scope `im:message.group_msg` (the page's error table). */
  lackOfPermission: 230027,
  botNotInChat: 230002,
  frequencyLimit: 230020,
  contentTooLong: 230025,
  messageBeingSent: 230049,
  cardBuildFailed: 230099,
  requestBeingProcessed: 18121,
  messageTooOld: 230031,
  chatNotFound: 232006,
  operatorNotInChat: 232011,
  /** Also 获取消息中的资源文件's "Invalid request param." (a bad `type`, an unknown message). */
  fileInvalid: 234001,
  /** 获取消息中的资源文件: "File not in message." (the key is not one the message carries). */
  fileNotInMessage: 234003,
  /** 获取消息中的资源文件: "App not in chat." (the bot is not in the message's chat). */
  appNotInChat: 234004,
  fileTooLarge: 234006,
  userNotFound: 41050,
} as const;

/** Sends a Lark-shaped error `{code,msg}` with the given HTTP status. */
export function sendLarkError(res: Response, status: number, code: number, msg: string): void {
  res.status(status).json({ code, msg });
}

/** Sends `{code:0,msg,data}`. */
export function sendLarkData(res: Response, data: unknown, msg = 'success'): void {
  res.status(200).json({ code: LarkCode.ok, msg, data });
}
