/** What the CLI needs from the outside world; tests pass a fake. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a file as UTF-8; throws when it cannot. */
  readFile(path: string): string;
  /** 'file' | 'dir' | undefined when the path does not exist. */
  kind(path: string): 'file' | 'dir' | undefined;
  /** Entries of a directory (names only). */
  list(path: string): string[];
  /** An environment variable (secrets come from the environment, never from flags). */
  env?(name: string): string | undefined;
  /** The wall clock, epoch ms (the core never reads it; commands may). */
  now?(): number;
}

/** Thrown for a wrong command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}
