/** Reads the numbers of a user-chosen datasource query (ExternalQueryRunner by key) for a decision; null until it has data. */
import React from 'react';
import { sceneGraph, SceneObject, SceneQueryRunner } from '@grafana/scenes';
import { seriesValues } from '../scene/ExternalSeries';

export function ExternalValues({ scene, runnerKey, children }: { scene: SceneObject; runnerKey: string; children: (values: number[] | null) => React.ReactNode }) {
  const runner = sceneGraph.findByKey(scene, runnerKey) as SceneQueryRunner;
  const { data } = runner.useState();
  return <>{children(data && data.series.length > 0 ? seriesValues(data.series) : null)}</>;
}
