import type { CallRecord } from '../fake-lark.types.js';

/** Every HTTP call the fake answered, oldest first. */
export class CallLog {
  readonly records: CallRecord[] = [];

  add(record: CallRecord): void {
    this.records.push(record);
  }

  clear(): void {
    this.records.length = 0;
  }
}
