/**
 * The hashicorp go-plugin contract as Grafana configures it (PLATFORM.md
 * §1.2, §2.1): magic cookie in the environment, app protocol version 2, gRPC
 * only, and one handshake line as the first bytes on stdout.
 */

export const MAGIC_COOKIE_KEY = 'grafana_plugin_type';
export const MAGIC_COOKIE_VALUE = 'datasource';

/** go-plugin's core protocol version. */
export const CORE_PROTOCOL_VERSION = 1;
/** Grafana's plugin protocol version (its versioned plugin set is {2}). */
export const APP_PROTOCOL_VERSION = 2;

/** What Go plugins print when started by hand; the same words help operators. */
export const NOT_A_PLUGIN_MESSAGE = 'This binary is a plugin. These are not meant to be executed directly.';

export type CookieCheck = { ok: true } | { ok: false; message: string };

/**
 * Checks the cookie and, like go-plugin's server, the host's protocol
 * versions (`PLUGIN_PROTOCOL_VERSIONS`, comma-separated) when given.
 */
export function checkHandshakeEnv(env: NodeJS.ProcessEnv): CookieCheck {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    return { ok: false, message: NOT_A_PLUGIN_MESSAGE };
  }
  const offered = env.PLUGIN_PROTOCOL_VERSIONS;
  if (offered && !offered.split(',').map((v) => v.trim()).includes(String(APP_PROTOCOL_VERSION))) {
    return {
      ok: false,
      message: `Incompatible API version with plugin. Plugin version: ${APP_PROTOCOL_VERSION}, Client versions: ${offered}`,
    };
  }
  return { ok: true };
}

/**
 * `CORE|APP|NETWORK|ADDR|PROTOCOL`; the protocol field `grpc` is mandatory
 * (without it go-plugin assumes net/rpc, which Grafana refuses).
 *
 * @example handshakeLine(40123) // '1|2|tcp|127.0.0.1:40123|grpc\n'
 */
export function handshakeLine(port: number, host = '127.0.0.1'): string {
  return `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|tcp|${host}:${port}|grpc\n`;
}
