import { type AdjustableClock, adjustableClock, systemClock } from '../../src/domain/clock.js';

/**
 * How the bot's time was last chosen: `start` (the playground's start time, running since), `set`
 * (jumped on the page), `real` (the real clock).
 */
export type ClockMode = 'start' | 'set' | 'real';

/** The bot's adjustable clock, remembering each jump so a message's bot time can be told later. */
export interface PlaygroundClock extends AdjustableClock {
  /** true after a jump on the page (not on the start time, not on the real clock). */
  adjusted(): boolean;
  mode(): ClockMode;
  /** The bot's time (epoch ms) at a moment of the real clock, using the offset in force then. */
  botTimeAt(wallMs: number): number;
}

/**
 * Starts at `start` (the demo plan's reporting period; it runs on from there) or, without one, on the
 * real clock; `set` jumps, `reset` returns to real time.
 */
export function createPlaygroundClock(options: { start?: Date } = {}): PlaygroundClock {
  const inner = adjustableClock(systemClock);
  let mode: ClockMode = 'real';
  const startOffset = options.start ? options.start.getTime() - systemClock.now().getTime() : 0;
  if (options.start) {
    inner.set(options.start);
    mode = 'start';
  }
  // The fake Lark stamps messages with the real clock; these offsets turn that into bot time.
  const history: { fromWallMs: number; offsetMs: number }[] = [{ fromWallMs: 0, offsetMs: startOffset }];
  const record = (offsetMs: number) => {
    history.push({ fromWallMs: systemClock.now().getTime(), offsetMs });
  };
  return {
    now: () => inner.now(),
    set(at) {
      inner.set(at);
      mode = 'set';
      record(at.getTime() - systemClock.now().getTime());
    },
    reset() {
      inner.reset();
      mode = 'real';
      record(0);
    },
    adjusted: () => mode === 'set',
    mode: () => mode,
    botTimeAt(wallMs) {
      let offset = 0;
      for (const entry of history) if (entry.fromWallMs <= wallMs) offset = entry.offsetMs;
      return wallMs + offset;
    },
  };
}

/** A backwards jump of less than this (the page's minute precision) is no jump back. */
export const BACKWARDS_TOLERANCE_MS = 60_000;

/** Whether moving the bot's clock from `from` to `to` goes back in time. */
export function goesBack(from: Date, to: Date): boolean {
  return to.getTime() < from.getTime() - BACKWARDS_TOLERANCE_MS;
}
