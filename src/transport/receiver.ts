/** A way events reach the bot (webhook or long connection), interchangeable. */
export interface Receiver {
  start(): Promise<void>;
  /** Stops receiving and waits for the work already accepted. */
  stop(): Promise<void>;
}
