/**
 * stdout belongs to the go-plugin handshake: anything before the line breaks
 * the start ("Unrecognized remote plugin message") and go-plugin discards
 * stdout afterwards. So in plugin mode every stdout write and every console
 * call is redirected to stderr, and the handshake is written through the one
 * writer this module hands out.
 */
import { Logger } from './logger';

/**
 * Redirects `process.stdout.write` to stderr and returns a writer to the
 * real stdout, to be used once for the handshake.
 */
export function takeOverStdout(): (text: string) => void {
  const realWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  return (text: string) => {
    realWrite(text);
  };
}

/** Routes console.* to the structured logger (each call becomes one hclog line). */
export function routeConsoleToLogger(logger: Logger): void {
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = (...args: unknown[]) => logger.info(text(args));
  console.info = (...args: unknown[]) => logger.info(text(args));
  // eslint-disable-next-line no-console -- replacing, not calling: debug output must not reach stdout
  console.debug = (...args: unknown[]) => logger.debug(text(args));
  // eslint-disable-next-line no-console -- as above
  console.trace = (...args: unknown[]) => logger.trace(text(args));
  console.warn = (...args: unknown[]) => logger.warn(text(args));
  console.error = (...args: unknown[]) => logger.error(text(args));
}

/**
 * Node prints process warnings (e.g. "ExperimentalWarning: SQLite is an
 * experimental feature") as raw stderr text, which Grafana would log as
 * debug noise; log them as structured warn lines instead.
 */
export function routeWarningsToLogger(logger: Logger): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => logger.warn(warning.message, { warning: warning.name }));
}

/**
 * When Grafana dies the pipes close and writes fail with EPIPE; without a
 * handler that error would crash the process with a stack on a dead pipe.
 * Nobody is left to serve, so exit quietly.
 */
export function exitWhenPipesClose(): void {
  const onError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
      process.exit(0);
    }
  };
  process.stdout.on('error', onError);
  process.stderr.on('error', onError);
}

function inspect(value: unknown): string {
  if (value instanceof Error) {
    return `${value.name}: ${value.message}`;
  }
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
