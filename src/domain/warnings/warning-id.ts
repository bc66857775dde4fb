import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: people type these ids back into the chat.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A short id for a yellow card, e.g. `Y7K3Q`. */
export function newWarningId(): string {
  let id = 'Y';
  for (let i = 0; i < 4; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}
