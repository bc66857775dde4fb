import { type AdjustableClock, adjustableClock, systemClock } from '../domain/clock.js';

/** The bot's adjustable clock, remembering each jump so a message's bot time can be told later. */
export interface PlaygroundClock extends AdjustableClock {
  /** true while the clock is not the real one. */
  adjusted(): boolean;
  /** The bot's time (epoch ms) at a moment of the real clock, using the offset in force then. */
  botTimeAt(wallMs: number): number;
}

/** Starts on the real clock; `set` jumps, `reset` returns to real time. */
export function createPlaygroundClock(): PlaygroundClock {
  const inner = adjustableClock(systemClock);
  // The fake Lark stamps messages with the real clock; these offsets turn that into bot time.
  const history: { fromWallMs: number; offsetMs: number }[] = [{ fromWallMs: 0, offsetMs: 0 }];
  const record = (offsetMs: number) => {
    history.push({ fromWallMs: systemClock.now().getTime(), offsetMs });
  };
  const current = () => history[history.length - 1]?.offsetMs ?? 0;
  return {
    now: () => inner.now(),
    set(at) {
      inner.set(at);
      record(at.getTime() - systemClock.now().getTime());
    },
    reset() {
      inner.reset();
      record(0);
    },
    adjusted: () => current() !== 0,
    botTimeAt(wallMs) {
      let offset = 0;
      for (const entry of history) if (entry.fromWallMs <= wallMs) offset = entry.offsetMs;
      return wallMs + offset;
    },
  };
}
