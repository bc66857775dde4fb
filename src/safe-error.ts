/**
 * What of an error may reach a log line, by allow-list. An HTTP or SDK error (an AxiosError, the
 * SDK's `formatErrors` summary, a Lark response body, our LarkApiError) carries the request body
 * (for the token call: the app secret), the request headers (`Authorization: Bearer t-…`) and the
 * raw request (`_header`); none of that is copied. Kept: the HTTP status, Lark's code and msg, the
 * method, the URL path without its query, and Lark's log id. Other errors keep their type, message,
 * code and stack. Used as pino's `err`/`error` serializer and by the SDK's logger adapter.
 */
export interface SafeError {
  type?: string;
  message?: string;
  status?: number;
  code?: number | string;
  msg?: string;
  method?: string;
  path?: string;
  logId?: string;
  stack?: string;
  cause?: SafeError;
}

const MAX_TEXT = 500;

export function safeError(value: unknown, depth = 0): SafeError {
  if (typeof value !== 'object' || value === null) return { message: cut(String(value)) };
  const e = value as Record<string, unknown> & {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    msg?: unknown;
    stack?: unknown;
    cause?: unknown;
    httpStatus?: unknown;
    log_id?: unknown;
    error?: { log_id?: unknown };
    config?: { url?: unknown; method?: unknown };
    request?: { path?: unknown; method?: unknown };
    response?: {
      status?: unknown;
      headers?: Record<string, unknown>;
      data?: { code?: unknown; msg?: unknown; log_id?: unknown; error?: { log_id?: unknown } };
    };
  };
  const data = typeof e.response?.data === 'object' && e.response.data !== null ? e.response.data : undefined;
  const http = !!(e.config || e.request || e.response);
  const out: SafeError = {};
  if (value instanceof Error) out.type = value.name;
  if (typeof e.message === 'string') out.message = cut(e.message);
  const status = e.response?.status ?? e.httpStatus;
  if (typeof status === 'number') out.status = status;
  const code = data?.code ?? e.code;
  if (typeof code === 'number' || typeof code === 'string')
    out.code = typeof code === 'string' ? cut(code) : code;
  const msg = data?.msg ?? e.msg;
  if (typeof msg === 'string') out.msg = cut(msg);
  const method = e.config?.method ?? e.request?.method;
  if (typeof method === 'string') out.method = method.toUpperCase();
  const path = urlPath(e.config?.url) ?? urlPath(e.request?.path);
  if (path) out.path = path;
  const logId =
    data?.error?.log_id ?? data?.log_id ?? e.response?.headers?.['x-tt-logid'] ?? e.error?.log_id ?? e.log_id;
  if (typeof logId === 'string') out.logId = cut(logId);
  if (!http && value instanceof Error && typeof e.stack === 'string') out.stack = cut(e.stack, 2000);
  if (e.cause !== undefined && depth < 2) out.cause = safeError(e.cause, depth + 1);
  return out;
}

/** The path of a URL (absolute or relative), without query or fragment. */
function urlPath(url: unknown): string | undefined {
  if (typeof url !== 'string' || url === '') return undefined;
  try {
    return cut(new URL(url, 'http://relative.invalid').pathname);
  } catch {
    return undefined;
  }
}

function cut(text: string, max = MAX_TEXT): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
