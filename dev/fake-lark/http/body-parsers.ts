import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { LarkCode, sendLarkError } from '../lark-errors.js';

/** JSON bodies up to 1 MB (the send API itself caps bodies at 150 KB); their size is kept for the limits. */
export const parseJson: RequestHandler = express.json({
  limit: '1mb',
  verify: (req, _res, buf) => {
    (req as { bodyBytes?: number }).bodyBytes = buf.length;
  },
});

/** Bytes of the JSON body of a request parsed by `parseJson` (0 when there was none). */
export function bodyBytesOf(req: unknown): number {
  return (req as { bodyBytes?: number }).bodyBytes ?? 0;
}

/** Multipart bodies as raw bytes (parsed by multipart.parser), up to 30 MB like the file API. */
export const parseMultipart: RequestHandler = express.raw({ type: 'multipart/form-data', limit: '30mb' });

/** Turns body-parser failures into Lark-shaped answers instead of express' HTML page. */
export const answerErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  const status = typeof err?.status === 'number' ? err.status : 500;
  if (status === 413) sendLarkError(res, 413, LarkCode.badRequest, 'request entity too large');
  else if (status === 400) sendLarkError(res, 400, LarkCode.badRequest, 'Bad Request');
  else sendLarkError(res, status, -1, `fake-lark internal error: ${String(err?.message ?? err)}`);
};
