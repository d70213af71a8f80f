/**
 * Test helpers of the datasource frontend (jsdom). Not part of the bundle:
 * only *.test.* files import this, as their FIRST import (see testEnv.ts).
 */
import './testEnv';

class NoopObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}

/**
 * Fills what jsdom lacks and @grafana/ui's Combobox needs: a canvas that
 * measures text (menu width), element sizes (the virtualised menu),
 * IntersectionObserver and ResizeObserver.
 */
export function setupUiTestEnvironment(): void {
  HTMLCanvasElement.prototype.getContext = (() => ({
    measureText: (text: string) => ({ width: text.length * 7 }),
    font: '',
  })) as unknown as typeof HTMLCanvasElement.prototype.getContext;
  const g = globalThis as Record<string, unknown>;
  g.IntersectionObserver ??= NoopObserver;
  g.ResizeObserver ??= NoopObserver;
  // The Combobox menu is virtualised: without a size, jsdom renders no options.
  Object.defineProperty(Element.prototype, 'getBoundingClientRect', {
    configurable: true,
    value: () => ({ width: 240, height: 240, top: 0, left: 0, bottom: 240, right: 240, x: 0, y: 0, toJSON: () => ({}) }),
  });
  for (const prop of ['clientWidth', 'clientHeight', 'offsetWidth', 'offsetHeight']) {
    Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => 240 });
  }
}

/** Variable values of a fake dashboard: a string, or a list for a multi-value variable. */
export type FakeVariables = Record<string, string | string[]>;

/**
 * A TemplateSrv that replaces `$name` and `${name}` like Grafana's: scoped
 * variables first, a format function gets the raw value (a list for
 * multi-value variables), the default format of a list is `{a,b}`.
 */
export function fakeTemplateSrv(vars: FakeVariables = {}) {
  const replace = jest.fn((target?: string, scopedVars?: Record<string, { value: unknown }>, format?: unknown): string => {
    if (!target) {
      return target ?? '';
    }
    return target.replace(/\$(\w+)|\$\{(\w+)\}/g, (match, a: string | undefined, b: string | undefined) => {
      const name = (a ?? b)!;
      const value = scopedVars?.[name]?.value ?? vars[name];
      if (value === undefined) {
        return match;
      }
      if (typeof format === 'function') {
        return format(value);
      }
      return Array.isArray(value) ? `{${value.join(',')}}` : String(value);
    });
  });
  return {
    replace,
    getVariables: jest.fn(() => Object.keys(vars).map((name) => ({ name, type: 'query' }))),
    containsTemplate: jest.fn((t?: string) => !!t && /\$\w+|\$\{\w+\}/.test(t)),
    updateTimeRange: jest.fn(),
  };
}
