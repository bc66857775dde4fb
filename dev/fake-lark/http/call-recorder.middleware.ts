import type { RequestHandler } from 'express';
import type { FakeState } from '../fake-lark.state.js';
import type { CallRecord } from '../fake-lark.types.js';

/**
 * Records every Lark-facing call (not `/_fake/*`). The entry is completed just before the headers go
 * out, so a client that has its answer always finds the call in the log.
 */
export function recordCalls(state: FakeState): RequestHandler {
  return (req, res, next) => {
    if (req.path.startsWith('/_fake')) {
      next();
      return;
    }
    const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    const record: CallRecord = {
      at: state.config.now(),
      method: req.method,
      path: req.path,
      query: { ...(req.query as Record<string, unknown>) },
      body: undefined,
      ...(bearer ? { token: bearer } : {}),
      // Stays 0 when the client hangs up before any answer (e.g. a delayed fault).
      status: 0,
    };
    state.calls.add(record);
    const sendJson = res.json.bind(res);
    res.json = (body: unknown) => {
      const code = (body as { code?: unknown } | null)?.code;
      if (typeof code === 'number') record.code = code;
      return sendJson(body);
    };
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
    res.writeHead = ((...args: unknown[]) => {
      record.status = typeof args[0] === 'number' ? args[0] : res.statusCode;
      // Multipart routes leave a summary here instead of raw bytes.
      record.body = res.locals.recordedBody ?? req.body;
      return writeHead(...args);
    }) as typeof res.writeHead;
    next();
  };
}
