/** A request from a benchmark to its child process. */
export interface IpcRequest {
  id: number;
  type: string;
  payload?: unknown;
}

/** The child's answer to one request. */
export interface IpcResponse {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** The child's first message: it is listening (bot, floor) or running (worker). */
export interface ChildReady {
  ready: true;
  port?: number;
  path?: string;
}

/** `process.memoryUsage()` now, plus the highest RSS seen by the child's 100 ms sampler. */
export interface ChildMemory {
  rss: number;
  peakRss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/** `v8.getHeapSpaceStatistics()` by space name, in MB: resident (physical) and used. */
export type HeapSpaces = Record<string, { residentMb: number; usedMb: number }>;

/** A member to bind in the bot's database. */
export interface BenchMember {
  openId: string;
  name: string;
  unit: string;
}

/** MongoDB-wire commands a bot child sent since the last reset (handshake and pings left out). */
export interface DbCommandCounts {
  total: number;
  /** By command and collection: `find reports`, `insert decisions`, `getMore`. */
  byName: Record<string, number>;
}

/**
 * One replied-to message in a bot child, in wall-clock ms (`performance.timeOrigin + now()`):
 * when its reply was handed to the messenger, and when the paced sender let the SDK call go.
 */
export interface SendTiming {
  messageId: string;
  handedAt: number;
  sdkCallAt?: number;
}
