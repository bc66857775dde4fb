import type { Command } from './command.js';

/** Looks commands up by any of their names (case-insensitive for English ones). */
export interface Router {
  find(name: string): Command | undefined;
  all(): readonly Command[];
}

export function createRouter(commands: readonly Command[]): Router {
  const byName = new Map<string, Command>();
  for (const command of commands) {
    for (const name of command.names) {
      const key = name.toLowerCase();
      if (byName.has(key)) throw new Error(`command name "${name}" is registered twice`);
      byName.set(key, command);
    }
  }
  return { find: (name) => byName.get(name.toLowerCase()), all: () => commands };
}
