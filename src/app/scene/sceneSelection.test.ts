import '../testing/setupScenes';
import { CustomVariable, EmbeddedScene, SceneFlexLayout, SceneTimeRange, SceneVariableSet } from '@grafana/scenes';
import { selectionParams, withTimeRange } from './sceneSelection';

/** A scene with the team and service filters as the app builds them (multi, All = '$__all'), and an absolute range. */
function sceneWith(team: string | string[], service: string | string[]) {
  const filter = (name: string, value: string | string[]) =>
    new CustomVariable({ name, query: 'payments,identity,checkout,accounts', isMulti: true, includeAll: true, allValue: '$__all', value, text: value });
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: '2026-09-22T12:00:00.000Z', to: '2026-10-20T12:00:00.000Z' }),
    $variables: new SceneVariableSet({ variables: [filter('team', team), filter('service', service)] }),
    body: new SceneFlexLayout({ children: [] }),
  });
}

describe('selectionParams: the filters as the resource API takes them', () => {
  it.each([
    ['"All" (a custom all value, which scenes hands out as an object) becomes no filter, not "[object Object]"', '$__all', '$__all', [], []],
    ['chosen values pass through as lists', ['payments'], ['checkout', 'accounts'], ['payments'], ['checkout', 'accounts']],
    ['"All" on one filter leaves the other as chosen', '$__all', ['checkout'], [], ['checkout']],
  ])('%s', (_name, team, service, wantTeam, wantService) => {
    const params = selectionParams(sceneWith(team, service));
    expect(params.team).toEqual(wantTeam);
    expect(params.service).toEqual(wantService);
    expect(params).toMatchObject({ from: 1790078400000, to: 1792497600000 });
  });
});

describe('withTimeRange: drill-down links keep the time range', () => {
  it.each([
    ['an absolute range stays absolute', '2026-09-22T12:00:00.000Z', '2026-10-20T12:00:00.000Z', '/a/x/service/s/availability/all', '/a/x/service/s/availability/all?from=2026-09-22T12%3A00%3A00.000Z&to=2026-10-20T12%3A00%3A00.000Z'],
    ['a relative range stays relative, appended to an existing query', 'now-28d', 'now', '/a/x/overview?var-team=payments', '/a/x/overview?var-team=payments&from=now-28d&to=now'],
  ])('%s', (_name, from, to, url, want) => {
    const scene = new EmbeddedScene({ $timeRange: new SceneTimeRange({ from, to }), body: new SceneFlexLayout({ children: [] }) });
    expect(withTimeRange(url, scene)).toBe(want);
  });
});
