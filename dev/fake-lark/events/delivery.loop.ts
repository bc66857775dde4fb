import type { DeliveryAttempt, DeliveryResult } from '../fake-lark.types.js';

/** What one push attempt produced, whatever the transport. */
export interface AttemptOutcome {
  /** HTTP status (webhook) or ack code (long connection); null when nothing came back in time */
  status: number | null;
  latencyMs: number;
  responseBody: string;
  error?: string;
}

/** Stops pending re-deliveries and pauses when the fake stops. */
export class Canceller {
  private readonly waits = new Set<() => void>();
  /** Bumped by cancelAll so loops started earlier stop re-delivering. */
  generation = 0;

  /** A pause between re-deliveries that ends early on cancelAll. */
  wait(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waits.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waits.add(done);
    });
  }

  cancelAll(): void {
    this.generation += 1;
    for (const done of [...this.waits]) done();
  }
}

/** One event to deliver: the envelope, the exact body and how to send it once. */
export interface DeliveryJob {
  eventId: string;
  envelope: Record<string, unknown>;
  body: string;
  duplicate?: number;
  send: () => Promise<AttemptOutcome>;
}

/** Lark's delivery rule: retry after each delay until an attempt is accepted (200), then send any duplicates. */
export async function runDelivery(
  job: DeliveryJob,
  retryDelaysMs: number[],
  canceller: Canceller,
): Promise<DeliveryResult> {
  const generation = canceller.generation;
  const live = () => generation === canceller.generation;
  const attempts: DeliveryAttempt[] = [];
  let accepted: AttemptOutcome | undefined;
  for (let i = 0; i <= retryDelaysMs.length && live(); i += 1) {
    if (i > 0) await canceller.wait(retryDelaysMs[i - 1]!);
    if (!live()) break;
    const outcome = await job.send();
    attempts.push({ attempt: attempts.length + 1, duplicate: false, ...outcome });
    if (outcome.status === 200) {
      accepted = outcome;
      break;
    }
  }
  for (let copy = 0; copy < (job.duplicate ?? 0) && live(); copy += 1) {
    attempts.push({ attempt: attempts.length + 1, duplicate: true, ...(await job.send()) });
  }
  return {
    eventId: job.eventId,
    envelope: job.envelope,
    body: job.body,
    attempts,
    delivered: accepted !== undefined,
    ...(accepted ? { response: parseAnswer(accepted.responseBody) } : {}),
  };
}

/** JSON when the answer is JSON, else the raw text; undefined for an empty answer. */
export function parseAnswer(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
