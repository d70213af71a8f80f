/**
 * jsdom lacks IntersectionObserver, which @grafana/scenes' lazy loader
 * creates when its module loads: import this first in app tests.
 */
class NoIntersectionObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}
const g = globalThis as unknown as { IntersectionObserver?: unknown };
g.IntersectionObserver = g.IntersectionObserver ?? NoIntersectionObserver;

export {};
