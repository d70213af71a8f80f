/**
 * A scene object that loads from the datasource's resource API and renders
 * the answer: the pages' summaries, the decision workflows and the policies
 * read JSON resources (src/core/contracts/resourceContract.ts) rather than frames.
 * It reloads when a filter variable or the time range changes, shows a
 * spinner while loading, and the resource's own error text when it fails
 * (never made-up data).
 */
import React from 'react';
import { SceneComponentProps, sceneGraph, SceneObject, SceneObjectBase, SceneObjectState, VariableDependencyConfig } from '@grafana/scenes';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import { ResourceError, ResourceParams } from '../resourceClient';
import { datasourceUid, selectionParams, VARIABLE_NAMES } from './sceneSelection';

/** What a loader gets: the datasource uid, the page's filters, and the scene object (to read variables). */
export interface LoadContext {
  uid: string;
  params: ResourceParams;
  scene: SceneObject;
}

export interface ResourceViewState<T = unknown> extends SceneObjectState {
  title?: string;
  /** Loads what the view shows; throw to show an error. */
  load: (lc: LoadContext) => Promise<T>;
  /** Renders the loaded value; `reload` re-runs the loader (after a write). */
  render: (data: T, reload: () => void, lc: LoadContext) => React.ReactNode;
  loading?: boolean;
  data?: T;
  error?: string;
}

export class ResourceView<T = unknown> extends SceneObjectBase<ResourceViewState<T>> {
  static Component = ResourceViewRenderer;
  private generation = 0;

  protected _variableDependency = new VariableDependencyConfig(this, {
    variableNames: VARIABLE_NAMES,
    onReferencedVariableValueChanged: () => this.reload(),
  });

  constructor(state: ResourceViewState<T>) {
    super(state);
    this.addActivationHandler(() => {
      this.reload();
      const sub = sceneGraph.getTimeRange(this).subscribeToState(() => this.reload());
      return () => sub.unsubscribe();
    });
  }

  loadContext(): LoadContext {
    return { uid: datasourceUid(this), params: selectionParams(this), scene: this };
  }

  /** Runs the loader; an answer from an older run (filters changed meanwhile) is dropped. */
  reload = async (): Promise<void> => {
    const lc = this.loadContext();
    const run = ++this.generation;
    if (!lc.uid) {
      this.setState({ loading: false, data: undefined, error: 'No SLO Ledger datasource: add one (type sloledger-datasource) or choose it on the app’s configuration page.' });
      return;
    }
    this.setState({ loading: true, error: undefined });
    try {
      const data = await this.state.load(lc);
      if (run === this.generation) {
        this.setState({ loading: false, data, error: undefined });
      }
    } catch (e) {
      if (run === this.generation) {
        this.setState({ loading: false, data: undefined, error: e instanceof ResourceError || e instanceof Error ? e.message : String(e) });
      }
    }
  };
}

function ResourceViewRenderer<T>({ model }: SceneComponentProps<ResourceView<T>>) {
  const { title, loading, data, error, render } = model.useState();
  return (
    <section aria-label={title} aria-busy={loading ? true : undefined}>
      {title && <h3>{title}</h3>}
      {error && (
        <Alert severity="error" title={title ? `${title}: no data` : 'No data'}>
          {error}
        </Alert>
      )}
      {loading && data === undefined && <LoadingPlaceholder text="Loading…" />}
      {data !== undefined && !error && render(data, model.reload, model.loadContext())}
    </section>
  );
}
