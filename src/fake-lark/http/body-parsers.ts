import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { LarkCode, sendLarkError } from '../lark-errors.js';

/** JSON bodies up to 1 MB (the send API itself caps content at 150 KB). */
export const parseJson: RequestHandler = express.json({ limit: '1mb' });

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
