/**
 * Import FIRST in every datasource UI test (before React and @grafana/ui).
 *
 * jest-setup.js gives jsdom Node's MessageChannel for React 19; React's
 * scheduler and react-dom/server open ports at import time, and a Node port
 * with a message handler keeps the process alive, so a single-file `jest`
 * run never exits. This channel delivers messages with setTimeout(0)
 * instead: same ordering for React, nothing left open once idle.
 */
type Handler = ((event: { data: unknown }) => void) | null;

class LocalPort {
  onmessage: Handler = null;
  peer: LocalPort | undefined;
  postMessage(data: unknown): void {
    const target = this.peer;
    setTimeout(() => target?.onmessage?.({ data }), 0);
  }
  start(): void {}
  close(): void {
    this.onmessage = null;
  }
  addEventListener(type: string, handler: Handler): void {
    if (type === 'message') {
      this.onmessage = handler;
    }
  }
  removeEventListener(): void {
    this.onmessage = null;
  }
}

class LocalMessageChannel {
  readonly port1 = new LocalPort();
  readonly port2 = new LocalPort();
  constructor() {
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
  }
}

(globalThis as { MessageChannel?: unknown }).MessageChannel = LocalMessageChannel;

export {};
