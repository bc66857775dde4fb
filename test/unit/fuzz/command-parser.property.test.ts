import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command, CommandInput } from '../../../src/bot/command.js';
import { listCommands } from '../../../src/bot/commands/index.js';
import { toHalfWidth } from '../../../src/bot/parsing/normalize-text.js';
import { splitCommand } from '../../../src/bot/parsing/split-command.js';
import { DomainError } from '../../../src/domain/errors.js';
import { argText, FC_RUNS, nastyChar, PROPERTY_TIMEOUT_MS, toFullWidth, whitespace } from './arbitraries.js';

// Parsers never touch the scheduler's deps (only `run` does), so an empty object stands in.
const COMMANDS: readonly Command[] = listCommands();
const NAMES = COMMANDS.flatMap((c) => c.names);
const CJK = /[\u4e00-\u9fff]/;

const mentions = fc.array(
  fc.record({ openId: fc.string({ minLength: 1, maxLength: 12 }), name: fc.string({ maxLength: 8 }) }),
  { maxLength: 3 },
);
const attachments = fc.array(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 3 });
const commandName = fc.oneof(
  fc.constantFrom(...NAMES),
  fc.constantFrom(...NAMES).map((n) => n.toUpperCase()),
);

/** `/名字 参数…` with the given argument text. */
const commandText = (args: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.constantFrom('/', '／', '/ ', ''), commandName, whitespace, args)
    .map(([slash, name, space, rest]) => `${slash}${name}${space}${rest}`);

/**
 * Runs every command's parser on `input` and returns what went wrong (nothing, when all is well). A
 * parser may return, or throw a BAD_INPUT DomainError whose message is short Chinese; anything else
 * (a TypeError, a RangeError, a bare Error) is a bug. Each case asserts once on the whole list: an
 * `expect` per parser and check made the run spend half its time in the assertion library.
 */
function everyParserProblems(text: string, input: Omit<CommandInput, 'split' | 'usage'>): string[] {
  const split = splitCommand(text);
  if (!split) return [];
  const problems: string[] = [];
  const on = (command: Command, what: string) =>
    problems.push(`/${command.names[0]} ${what} on ${JSON.stringify(text.slice(0, 80))}`);
  for (const command of COMMANDS) {
    let outcome: unknown;
    try {
      outcome = command.parse({ ...input, split, usage: command.usage });
    } catch (error) {
      if (!(error instanceof DomainError)) {
        on(command, `threw ${String(error)}`);
        continue;
      }
      if (error.code !== 'BAD_INPUT') on(command, `refused with ${error.code}`);
      if (!CJK.test(error.userMessage)) on(command, `refused without Chinese: ${error.userMessage}`);
      // The reply quotes at most a short slice of what was typed, never the whole input.
      if (error.userMessage.length >= 300) on(command, `refused with ${error.userMessage.length} characters`);
      continue;
    }
    // Pure: the same input parses to the same arguments.
    if (!isDeepStrictEqual(command.parse({ ...input, split, usage: command.usage }), outcome))
      on(command, 'parsed the same input to different arguments');
  }
  return problems;
}

describe('splitCommand on arbitrary text', () => {
  it(
    'never throws; tokens are whitespace-free and restFrom slices the original text',
    () => {
      const text = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 60 }),
        commandText(argText),
        commandText(argText).map(toFullWidth),
        fc.string({ unit: nastyChar, maxLength: 20 }),
      );
      fc.assert(
        fc.property(text, fc.integer({ min: -2, max: 12 }), (input, i) => {
          const split = splitCommand(input);
          if (split === null) {
            expect(input.trim()).toBe('');
            return;
          }
          expect(input.trim()).not.toBe('');
          for (const token of split.tokens) expect(token).toMatch(/^\S+$/);
          const rest = split.restFrom(i);
          expect(input.includes(rest)).toBe(true);
          expect(rest).toBe(rest.trim());
          const token = split.tokens[i];
          if (i >= 0 && token !== undefined) expect(toHalfWidth(rest).startsWith(token)).toBe(true);
          else expect(rest).toBe('');
        }),
        { numRuns: FC_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('every command parser returns or refuses politely', () => {
  it(
    'on command-shaped text with arbitrary arguments',
    () => {
      fc.assert(
        fc.property(commandText(argText), mentions, attachments, (text, m, a) => {
          expect(everyParserProblems(text, { mentions: m, attachments: a })).toEqual([]);
        }),
        { numRuns: FC_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'on full-width variants of the same text',
    () => {
      fc.assert(
        fc.property(commandText(argText), mentions, (text, m) => {
          expect(everyParserProblems(toFullWidth(text), { mentions: m, attachments: [] })).toEqual([]);
        }),
        { numRuns: FC_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'on control characters, lone surrogates and zero-width marks anywhere',
    () => {
      const noisy = fc
        .tuple(commandText(argText), fc.array(fc.tuple(fc.nat(), nastyChar), { maxLength: 8 }))
        .map(([text, inserts]) => {
          let out = text;
          for (const [at, ch] of inserts) {
            const pos = at % (out.length + 1);
            out = out.slice(0, pos) + ch + out.slice(pos);
          }
          return out;
        });
      fc.assert(
        fc.property(noisy, mentions, attachments, (text, m, a) => {
          expect(everyParserProblems(text, { mentions: m, attachments: a })).toEqual([]);
        }),
        { numRuns: FC_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'on huge inputs (long tokens, many tokens)',
    () => {
      const huge = fc
        .tuple(
          commandText(argText),
          fc.constantFrom('很', '6.1 ', '60% ', 'a=1 ', '{"$gt":""}', '\u3000', '９', '\n'),
          fc.integer({ min: 200, max: 4_000 }),
          fc.boolean(),
        )
        .map(([text, unit, times, glue]) =>
          glue ? `${text}${unit.repeat(times)}` : `${text} ${unit.repeat(times)}`,
        );
      fc.assert(
        fc.property(huge, (text) => {
          expect(everyParserProblems(text, { mentions: [], attachments: [] })).toEqual([]);
        }),
        { numRuns: FC_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
