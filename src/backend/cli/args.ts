/**
 * Flags of the CLI commands: `--name value` (or `--name=value`) for values,
 * `--name` for switches, everything else positional. Unknown flags and
 * missing values are usage errors (exit 2) naming the flag.
 */
import { UsageError } from './io';

export type FlagKind = 'value' | 'switch';

export interface ParsedArgs {
  values: Record<string, string>;
  switches: Set<string>;
  positional: string[];
}

export function parseArgs(command: string, args: string[], flags: Record<string, FlagKind>): ParsedArgs {
  const out: ParsedArgs = { values: {}, switches: new Set(), positional: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg !== '-') {
        throw new UsageError(`unknown flag ${arg} for ${command}`);
      }
      out.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const kind = flags[name];
    if (kind === undefined) {
      throw new UsageError(`unknown flag --${name} for ${command} (known: ${Object.keys(flags).map((f) => `--${f}`).join(', ')})`);
    }
    if (kind === 'switch') {
      out.switches.add(name);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value`);
    }
    out.values[name] = value;
  }
  return out;
}

/** A value that must be one of `allowed`. */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) {
    return fallback;
  }
  if (!allowed.includes(value as T)) {
    throw new UsageError(`--${flag} takes ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}
