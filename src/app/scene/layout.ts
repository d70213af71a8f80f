/** Layout helpers shared by the page builders: controls, rows of panels, frame queries to the SLO Ledger datasource. */
import {
  EmbeddedScene,
  SceneControlsSpacer,
  SceneFlexItem,
  SceneFlexLayout,
  SceneObject,
  SceneQueryRunner,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  SceneVariableSet,
  VariableValueSelectors,
} from '@grafana/scenes';
import { SloLedgerQueryModel } from '../../core/contracts/queryModel';
import { DS_REF } from '../variables';

/** A frame query runner on the chosen SLO Ledger datasource. */
export function sloQueries(queries: Array<Omit<SloLedgerQueryModel, 'refId'> & { refId?: string }>): SceneQueryRunner {
  return new SceneQueryRunner({
    datasource: DS_REF,
    queries: queries.map((q, i) => ({ refId: q.refId ?? String.fromCharCode(65 + i), datasource: DS_REF, includeDefaults: true, ...q })),
    maxDataPoints: 1000,
  });
}

export const item = (body: SceneObject, height: number | string = 360, extra: Partial<ConstructorParameters<typeof SceneFlexItem>[0]> = {}) =>
  new SceneFlexItem({ minHeight: height, body, ...extra });

export const row = (...children: SceneFlexItem[]) => new SceneFlexItem({ body: new SceneFlexLayout({ direction: 'row', children }) });

/** A page body: its variables, a time range kept in the URL (default `from`), the filters, time picker and refresh. */
export function pageScene(variables: SceneVariableSet, children: SceneFlexItem[], from = 'now-90d'): EmbeddedScene {
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from, to: 'now' }),
    $variables: variables,
    controls: [new VariableValueSelectors({}), new SceneControlsSpacer(), new SceneTimePicker({ isOnCanvas: true }), new SceneRefreshPicker({ isOnCanvas: true })],
    body: new SceneFlexLayout({ direction: 'column', children }),
  });
}
