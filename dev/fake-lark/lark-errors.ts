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
  /** 获取指定消息的内容 without the scope for group messages (code as the IM pages list it; unverified here). */
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
  fileInvalid: 234001,
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
