/**
 * Plugin mode, in the order go-plugin requires (PLATFORM.md §2): check the
 * cookie, claim stdout, start the gRPC server on loopback, then print the
 * handshake line as the first and only stdout output. Afterwards: ignore
 * SIGINT (the host stops us), stop cleanly on SIGTERM, the controller's
 * Shutdown or the host's death, and keep serving when a single request fails.
 */
import * as grpc from '@grpc/grpc-js';
import { BackendHandlers } from './handlers';
import { checkHandshakeEnv, handshakeLine } from './handshake';
import { Logger, createLogger, parseLogLevel } from './logger';
import { watchParent } from './parentWatch';
import { startPluginServer } from './server';
import { exitWhenPipesClose, routeConsoleToLogger, routeWarningsToLogger, takeOverStdout } from './stdio';

export interface ServeOptions {
  /** Builds the handlers once the logger exists. */
  createHandlers: (logger: Logger) => BackendHandlers | Promise<BackendHandlers>;
  env?: NodeJS.ProcessEnv;
}

/** Env var to lower or raise the plugin's own log level (default debug; Grafana filters again). */
export const LOG_LEVEL_ENV = 'SLOLEDGER_LOG_LEVEL';

export async function servePlugin(options: ServeOptions): Promise<void> {
  const env = options.env ?? process.env;
  const check = checkHandshakeEnv(env);
  if (!check.ok) {
    process.stderr.write(check.message + '\n');
    process.exit(1);
  }
  const writeHandshake = takeOverStdout();
  exitWhenPipesClose();
  const logger = createLogger({ level: parseLogLevel(env[LOG_LEVEL_ENV]) ?? 'debug' });
  routeConsoleToLogger(logger);
  routeWarningsToLogger(logger);
  grpc.setLogger({ error: (...args: unknown[]) => logger.warn(`grpc: ${args.map(String).join(' ')}`) });
  guardProcess(logger);
  process.on('SIGINT', () => logger.debug('ignoring SIGINT: the host stops the plugin'));

  const handlers = await options.createHandlers(logger);
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info('stopping', { reason });
    // WHY a hard cap: go-plugin SIGKILLs 2 s after Shutdown; exit before that.
    setTimeout(() => process.exit(0), 1500).unref();
    await plugin.stop(1000);
    await (async () => handlers.dispose?.())().catch((error: unknown) => logger.warn('dispose failed', { error }));
    process.exit(0);
  };
  const plugin = await startPluginServer({ handlers, logger, onShutdownRequest: () => void stop('controller Shutdown') });

  process.on('SIGTERM', () => void stop('SIGTERM'));
  watchParent(() => void stop('the host process is gone (parent changed)'));
  writeHandshake(handshakeLine(plugin.port));
  logger.info('plugin started', { port: plugin.port, pid: process.pid, node: process.version });
}

/** A stray rejection is logged, not fatal; an uncaught exception is logged, then the process exits (Grafana restarts it). */
function guardProcess(logger: Logger): void {
  process.on('unhandledRejection', (error) => logger.error('unhandled promise rejection', { error }));
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception, exiting', { error, stack: error.stack });
    process.exit(1);
  });
}
