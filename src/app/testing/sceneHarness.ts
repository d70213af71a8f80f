/** A minimal scene around one object: fixed filter values as custom variables, a time range; activation as Grafana would. */
import { CustomVariable, EmbeddedScene, SceneFlexItem, SceneFlexLayout, SceneObject, SceneTimeRange, SceneVariableSet, TextBoxVariable } from '@grafana/scenes';

export const FROM = Date.UTC(2026, 7, 1);
export const TO = Date.UTC(2026, 10, 20);

export function harness(body: SceneObject, values: Record<string, string> = {}) {
  const vars = { ds: 'sloledger', team: '$__all', service: '$__all', sli: '$__all', deployment: '$__all', slo: '$__all', timeScale: 'period', topN: '3', ...values };
  const scene = new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: new Date(FROM).toISOString(), to: new Date(TO).toISOString() }),
    $variables: new SceneVariableSet({
      variables: [
        ...Object.entries(vars).map(([name, value]) => new CustomVariable({ name, query: value, value, text: value })),
        ...['ticketsDs', 'ticketsQuery', 'ttrDs', 'ttrQuery'].map((name) => new TextBoxVariable({ name, value: values[name] ?? '' })),
      ],
    }),
    body: new SceneFlexLayout({ children: [new SceneFlexItem({ body })] }),
  });
  const deactivate = scene.activate();
  const parents: Array<() => void> = [];
  // activate the path from the root down to the object, as rendering would
  const chain: SceneObject[] = [];
  for (let o: SceneObject | undefined = body; o && o !== scene; o = o.parent) {
    chain.unshift(o);
  }
  for (const o of chain) {
    parents.push(o.activate());
  }
  return { scene, teardown: () => [...parents.reverse(), deactivate].forEach((d) => d()) };
}

/** Waits until the predicate holds (resource loads are promises). */
export async function until(predicate: () => boolean, ms = 2000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) {
      throw new Error('condition not reached in time');
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}
