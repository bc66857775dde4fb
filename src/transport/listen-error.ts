/**
 * A server that could not take its address (the port in use, or not allowed): the operator's
 * message names the address and what to change; `code` is the system's (`EADDRINUSE`, `EACCES`).
 */
export class ListenError extends Error {
  readonly code: string | undefined;

  constructor(address: { host: string; port: number }, cause: Error) {
    const code = (cause as { code?: string }).code;
    const hint =
      code === 'EADDRINUSE'
        ? 'another process listens there: stop it or set PORT to a free port'
        : code === 'EACCES'
          ? 'this user may not listen on that port: set PORT above 1023'
          : cause.message;
    super(`cannot listen on ${address.host}:${address.port} (${code ?? 'error'}): ${hint}`, { cause });
    this.name = 'ListenError';
    this.code = code;
  }
}
