/**
 * A fetch for HTTPS connections with their own trust settings: a custom CA
 * (secureJsonData `<connection>.tlsCACert`, PEM) or skip-verify. Node's
 * global fetch cannot take either without the undici package, so this speaks
 * node:https and hands back a standard Response (streamed, abortable).
 */
import https from 'node:https';
import { Readable } from 'node:stream';

export interface TlsOptions {
  caPem?: string;
  skipVerify: boolean;
}

/** True when the connection needs more than the system trust store. */
export function needsOwnTls(url: string | undefined, tls: TlsOptions): boolean {
  return !!url && url.startsWith('https://') && (tls.skipVerify || !!tls.caPem?.trim());
}

export function tlsFetch(tls: TlsOptions): typeof fetch {
  const agent = new https.Agent({ keepAlive: true, ca: tls.caPem?.trim() ? tls.caPem : undefined, rejectUnauthorized: !tls.skipVerify });
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      const headers = new Headers(init?.headers);
      const body = typeof init?.body === 'string' ? init.body : undefined;
      if (body !== undefined) {
        headers.set('content-length', String(Buffer.byteLength(body)));
      }
      const req = https.request(url, { method: init?.method ?? 'GET', headers: Object.fromEntries(headers), agent, signal: init?.signal ?? undefined }, (res) => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) {
            responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
        }
        resolve(new Response(Readable.toWeb(res) as ReadableStream<Uint8Array>, { status: res.statusCode ?? 502, headers: responseHeaders }));
      });
      req.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
      req.end(body);
    });
}
