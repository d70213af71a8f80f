/**
 * The `sloledger` command line: one file per command, registered here.
 * Commands share the core with the backend (same loader, same math).
 */
import { CliIo, UsageError } from './io';
import { reportHelp, runReport } from './report';
import { rulesHelp, runRules } from './rules';
import { ledgerHelp, runLedger } from './ledgerExport';
import { runValidate, validateHelp } from './validate';

type Command = (args: string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  validate: { run: runValidate, help: validateHelp },
  rules: { run: runRules, help: rulesHelp },
  report: { run: runReport, help: reportHelp },
  ledger: { run: (args, io) => runLedger(args, io), help: ledgerHelp },
};

const usage = () => `usage: sloledger <command> [options]\n\ncommands:\n${Object.values(COMMANDS).map((c) => `  ${c.help}`).join('\n')}\n`;

/** Runs the CLI; resolves to the exit code (0 ok, 1 failed check, 2 usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`sloledger: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`sloledger ${name}: ${error.message}\n\n${usage()}`);
      return 2;
    }
    throw error;
  }
}
