import type { Command } from '../command.js';
import { createHelpCommand } from './help.command.js';
import { importCommand } from './import.command.js';
import { logCommand } from './log.command.js';
import { mineCommand } from './mine.command.js';
import {
  bindCommand,
  confirmCommand,
  exportCommand,
  extendCommand,
  revokeCommand,
  unbindCommand,
  warnCommand,
} from './office.commands.js';
import { archiveCommand, planCommand } from './plan.commands.js';
import {
  overdueCommand,
  statusCommand,
  taskCommand,
  unitCommand,
  unreportedCommand,
  warningsCommand,
} from './query.commands.js';
import { reportCommand } from './report.command.js';
import { rollupCommand } from './rollup.command.js';
import { settingsCommand } from './settings.command.js';
import { approveCommand, rejectCommand, requestSignoffCommand } from './signoff.command.js';
import { createSupervisionCommands } from './supervision.commands.js';

/** Every chat command, in the order the help card lists them; `extra` adds more (extensions, tests). */
export function listCommands(extra: readonly Command[] = []): readonly Command[] {
  const commands: Command[] = [];
  const help = createHelpCommand(() => commands);
  commands.push(
    ...([
      help,
      mineCommand,
      reportCommand,
      requestSignoffCommand,
      approveCommand,
      rejectCommand,
      overdueCommand,
      unreportedCommand,
      taskCommand,
      logCommand,
      unitCommand,
      statusCommand,
      warningsCommand,
      warnCommand,
      confirmCommand,
      revokeCommand,
      bindCommand,
      unbindCommand,
      extendCommand,
      exportCommand,
      ...createSupervisionCommands(),
      importCommand,
      planCommand,
      settingsCommand,
      archiveCommand,
      rollupCommand,
      ...extra,
    ] as Command[]),
  );
  return commands;
}
