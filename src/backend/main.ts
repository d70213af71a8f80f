/**
 * Entry of the backend executable and of the `sloledger` CLI (one bundle).
 * Grafana starts plugins with the go-plugin cookie in the environment: then
 * serve the plugin protocol. Without it, a person or CI is running us: CLI.
 */
import { runCli } from './cli/main';
import { nodeIo } from './cli/nodeIo';
import { createHandlers } from './handlers';
import { MAGIC_COOKIE_KEY } from './protocol/handshake';
import { servePlugin } from './protocol/serve';

function main(): void {
  if (process.env[MAGIC_COOKIE_KEY] !== undefined) {
    servePlugin({ createHandlers }).catch((error: unknown) => {
      process.stderr.write(`plugin failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
    return;
  }
  runCli(process.argv.slice(2), nodeIo).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`sloledger: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  );
}

main();
