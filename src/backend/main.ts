/**
 * Entry of the backend executable and of the `sloledger` CLI (one bundle).
 * Grafana starts plugins with the go-plugin cookie in the environment: then
 * serve the plugin protocol. Without it, a person or CI is running us: CLI.
 */
import { createHandlers } from './handlers';
import { MAGIC_COOKIE_KEY } from './protocol/handshake';
import { servePlugin } from './protocol/serve';

interface CliModule {
  runCli(argv: string[], io: unknown): Promise<number>;
}
interface CliIoModule {
  [name: string]: unknown;
}

function main(): void {
  if (process.env[MAGIC_COOKIE_KEY] !== undefined) {
    servePlugin({ createHandlers }).catch((error: unknown) => {
      process.stderr.write(`plugin failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
    return;
  }
  runCliMode().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`sloledger: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  );
}

async function runCliMode(): Promise<number> {
  let cli: CliModule;
  let io: CliIoModule;
  try {
    // WHY require in try: the CLI is built separately; esbuild leaves an
    // unresolvable require inside try/catch to run time instead of failing.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cli = require('./cli/main');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    io = require('./cli/nodeIo');
  } catch {
    process.stderr.write(
      'sloledger: the CLI is not part of this build (src/backend/cli missing).\n' +
        'This executable is a Grafana backend plugin; Grafana starts it itself.\n'
    );
    return 2;
  }
  return cli.runCli(process.argv.slice(2), pickIo(io));
}

// The io object's export name is the CLI's choice: take `nodeIo`, a default, or a factory.
function pickIo(mod: CliIoModule): unknown {
  const candidate = mod.nodeIo ?? mod.default ?? mod.createNodeIo ?? Object.values(mod)[0];
  return typeof candidate === 'function' ? (candidate as () => unknown)() : candidate;
}

main();
