import React, { useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, Checkbox, useStyles2 } from '@grafana/ui';
import type { ManualConditionState, ManualConditionWrite, PolicyStateJson } from '../../core/contracts/resourceContract';
import { postResource } from '../resourceClient';
import { RowsTable } from '../scene/RowsTable';
import { GateRow, PolicyView } from './policiesData';

type Condition = PolicyStateJson['conditions'][number];

export function PoliciesView({ views, uid, reload, nowMs }: { views: PolicyView[]; uid: string; reload: () => void; nowMs: number }) {
  if (views.length === 0) {
    return <p>No error budget policy is defined for these teams. Add `policies:` to the catalog (book ch. 10: scope, purpose, conditions, consequences, escalation, agreed by, next review).</p>;
  }
  return (
    <>
      {views.map((v) => (
        <PolicyCard key={v.policy.policy} view={v} uid={uid} reload={reload} nowMs={nowMs} />
      ))}
    </>
  );
}

function PolicyCard({ view, uid, reload, nowMs }: { view: PolicyView; uid: string; reload: () => void; nowMs: number }) {
  const styles = useStyles2(getStyles);
  const p = view.policy;
  const [writeError, setWriteError] = useState<string>();
  const record = async (c: Condition, met: boolean) => {
    setWriteError(undefined);
    try {
      const body: ManualConditionWrite = { met };
      await postResource<ManualConditionState>(uid, `policies/${encodeURIComponent(p.policy)}/conditions/${encodeURIComponent(c.id)}`, body);
      reload();
    } catch (e) {
      setWriteError((e as Error).message);
    }
  };
  const manual = p.conditions.filter((c) => c.trigger === 'manual');
  const automatic = p.conditions.filter((c) => c.trigger === 'automatic');
  return (
    <article className={styles.card} aria-label={`Policy ${p.policy}`}>
      <h4>
        {p.policy} {p.reviewOverdue && <Badge color="red" icon="exclamation-triangle" text="Review overdue" />}
      </h4>
      <dl className={styles.parts}>
        <dt>1. Scope</dt>
        <dd>{[...p.scope.teams.map((t) => `team ${t}`), ...p.scope.services.map((s) => `service ${s}`)].join(', ') || 'all'}</dd>
        <dt>2. Purpose</dt>
        <dd>{p.purpose || '–'}</dd>
        <dt>3. Conditions</dt>
        <dd>
          <ul className={styles.list}>
            {automatic.map((c) => (
              <li key={c.id}>
                <Badge color={c.met ? 'red' : 'green'} text={c.met ? 'met' : 'not met'} /> {c.description} <span className={styles.why}>({c.because})</span>
              </li>
            ))}
          </ul>
          {manual.length > 0 && (
            <fieldset className={styles.checklist}>
              <legend>Checklist for the person going on call</legend>
              {manual.map((c) => (
                <div key={c.id}>
                  <Checkbox label={c.description} description={c.because} value={c.met} onChange={(e) => record(c, e.currentTarget.checked)} />
                </div>
              ))}
            </fieldset>
          )}
          {writeError && (
            <Alert severity="error" title="Could not record the condition">
              {writeError}
            </Alert>
          )}
        </dd>
        <dt>4. Consequences in force</dt>
        <dd>{p.consequencesInForce.length === 0 ? 'none' : p.consequencesInForce.map((c) => `${c.description}${c.blocksReleases ? ' (blocks releases)' : ''}`).join('; ')}</dd>
        <dt>5. Escalation</dt>
        <dd>{p.escalation || '–'}</dd>
        <dt>6. Agreed by</dt>
        <dd>{p.agreedBy.join(', ') || '–'}</dd>
        <dt>7. Next review</dt>
        <dd>
          {p.nextReviewMs === null ? 'no date set' : new Date(p.nextReviewMs).toISOString().slice(0, 10)}
          {p.nextReviewMs !== null && p.nextReviewMs < nowMs ? ' (past)' : ''}
        </dd>
      </dl>
      <RowsTable<GateRow>
        caption="Release gates per service and environment"
        rows={view.gates}
        empty="No service in this policy's scope."
        columns={[
          { key: 'service', header: 'Service', cell: (g) => g.service },
          { key: 'env', header: 'Environment', cell: (g) => g.environment },
          { key: 'decision', header: 'Gate', cell: (g) => (g.error ? g.error : <Badge color={g.decision === 'allow' ? 'green' : 'red'} text={g.decision ?? '–'} />) },
          { key: 'why', header: 'Why', cell: (g) => g.reasons.join('; ') || '–' },
        ]}
      />
    </article>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({ border: `1px solid ${theme.colors.border.weak}`, borderRadius: theme.shape.radius.default, padding: theme.spacing(1, 2), marginBottom: theme.spacing(2) }),
  parts: css({ display: 'grid', gridTemplateColumns: 'max-content auto', gap: theme.spacing(0.5, 2), dt: { color: theme.colors.text.secondary } }),
  list: css({ listStyle: 'none', padding: 0, margin: 0 }),
  why: css({ color: theme.colors.text.secondary }),
  checklist: css({ border: `1px dashed ${theme.colors.border.medium}`, padding: theme.spacing(1), marginTop: theme.spacing(1) }),
});
