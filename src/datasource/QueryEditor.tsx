/**
 * Query editor for every query type (src/core/contracts/frameContract.ts QUERY_TYPES):
 * SLO selection by the book's dimensions plus the options of the chosen type.
 * An incomplete query says what is missing (checkQuery) instead of failing.
 */
import React, { useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, QueryEditorProps } from '@grafana/data';
import { Combobox, InlineField, InlineFieldRow, InlineSwitch, Input, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';
import { QUERY_TYPES, QueryType } from '../core/contracts/frameContract';
import { checkQuery, CUSTOMER_QUERY_TYPES, TIME_SCALES } from '../core/contracts/queryModel';
import { DEFAULT_ANNOTATION_KINDS } from './annotationKinds';
import { AdhocEditor, defaultAdhoc } from './query/AdhocEditor';
import { AnnotationFields } from './query/AnnotationFields';
import { CustomerField } from './query/CustomerField';
import { BURN_WINDOWS, ENDPOINTS_MODES, QUERY_TYPE_INFO, TIME_SCALE_LABELS } from './query/queryTypes';
import { SelectionFields } from './query/SelectionFields';
import type { SloLedgerDataSource } from './SloLedgerDataSource';
import { SloLedgerOptions, SloLedgerQuery } from './types';

export type Props = QueryEditorProps<SloLedgerDataSource, SloLedgerQuery, SloLedgerOptions>;

const LABEL_WIDTH = 14;

export function QueryEditor({ datasource, query, onChange, onRunQuery }: Props) {
  const styles = useStyles2(getStyles);
  const type: QueryType = query.queryType ?? 'budget';
  const info = QUERY_TYPE_INFO[type] ?? QUERY_TYPE_INFO.budget;
  const check = checkQuery(query);
  const [topNText, setTopNText] = useState(query.topN === undefined ? '' : String(query.topN));

  const change = (patch: Partial<SloLedgerQuery>) => onChange({ ...query, ...patch });
  /** A finished edit: store it and run when complete (Explore's ad hoc queries run at once). */
  const commit = (patch: Partial<SloLedgerQuery> = {}) => {
    const next = { ...query, ...patch };
    onChange(next);
    if (checkQuery(next).ok) {
      onRunQuery();
    }
  };

  const changeType = (next: QueryType) => {
    const patch: Partial<SloLedgerQuery> = { queryType: next };
    if (next === 'adhoc' && !query.adhoc) {
      patch.adhoc = defaultAdhoc(datasource);
    }
    if (next === 'episodes' && !query.annotationKinds) {
      patch.annotationKinds = [...DEFAULT_ANNOTATION_KINDS];
    }
    commit(patch);
  };

  return (
    <Stack direction="column" gap={1}>
      <InlineFieldRow>
        <InlineField label="Query type" labelWidth={LABEL_WIDTH} tooltip={info.description}>
          <Combobox<QueryType>
            aria-label="Query type"
            width={32}
            options={QUERY_TYPES.map((t) => ({ value: t, label: QUERY_TYPE_INFO[t].label, description: QUERY_TYPE_INFO[t].description }))}
            value={type}
            onChange={(option) => changeType(option.value)}
          />
        </InlineField>
        <span className={styles.description}>{info.description}</span>
      </InlineFieldRow>

      {info.selection && (
        <>
          <SelectionFields source={datasource} selection={query} onChange={(selection) => commit(selection)} labelWidth={LABEL_WIDTH} />
          <InlineFieldRow>
            <InlineField label="Default SLOs" labelWidth={LABEL_WIDTH} tooltip="Include SLOs that services apply to every endpoint by default (book 6.7)">
              <InlineSwitch
                aria-label="Include default SLOs"
                value={query.includeDefaults !== false}
                onChange={(e) => commit({ includeDefaults: e.currentTarget.checked })}
              />
            </InlineField>
          </InlineFieldRow>
        </>
      )}

      {CUSTOMER_QUERY_TYPES.includes(type) && (
        <InlineFieldRow>
          <CustomerField source={datasource} customer={query.customer} onChange={(customer) => commit({ customer })} labelWidth={LABEL_WIDTH} />
        </InlineFieldRow>
      )}

      {(info.window || info.timeScale || info.onlyPremature || info.endpoints) && (
        <InlineFieldRow>
          {info.window && (
            <InlineField label="Window" labelWidth={LABEL_WIDTH} tooltip="Burn rate over this trailing window, e.g. 1h or 5m (alerting pairs a long and a short window)">
              <Combobox<string>
                aria-label="Burn-rate window"
                width={12}
                createCustomValue
                options={BURN_WINDOWS.map((w) => ({ value: w, label: w }))}
                value={query.window ?? '1h'}
                onChange={(option) => commit({ window: option.value })}
              />
            </InlineField>
          )}
          {info.timeScale && (
            <InlineField label="Time scale" labelWidth={LABEL_WIDTH} tooltip="Hourly over 24 h, daily or weekly over a period, per period over a year (book 11.2.4)">
              <RadioButtonGroup
                options={TIME_SCALES.map((s) => ({ value: s, label: TIME_SCALE_LABELS[s] }))}
                value={query.timeScale ?? 'daily'}
                onChange={(timeScale) => commit({ timeScale })}
              />
            </InlineField>
          )}
          {info.onlyPremature && (
            <InlineField label="Only premature" labelWidth={LABEL_WIDTH} tooltip="Only periods whose budget ran out before the period ended (book 11.2.5)">
              <InlineSwitch
                aria-label="Only periods with premature exhaustion"
                value={query.onlyPremature === true}
                onChange={(e) => commit({ onlyPremature: e.currentTarget.checked })}
              />
            </InlineField>
          )}
          {info.endpoints && (
            <>
              <InlineField label="List" labelWidth={LABEL_WIDTH}>
                <RadioButtonGroup
                  options={[...ENDPOINTS_MODES]}
                  value={query.endpointsMode ?? 'least-available'}
                  onChange={(endpointsMode) => commit({ endpointsMode })}
                />
              </InlineField>
              <InlineField label="Top" labelWidth={8} tooltip="How many endpoints (default 10)">
                <Input
                  aria-label="Top N"
                  type="number"
                  width={10}
                  min={1}
                  placeholder="10"
                  value={topNText}
                  onChange={(e) => {
                    setTopNText(e.currentTarget.value);
                    change({ topN: parseTopN(e.currentTarget.value) });
                  }}
                  onBlur={() => commit({ topN: parseTopN(topNText) })}
                />
              </InlineField>
            </>
          )}
        </InlineFieldRow>
      )}

      {info.annotations && (
        <AnnotationFields
          kinds={query.annotationKinds ?? [...DEFAULT_ANNOTATION_KINDS]}
          deploymentQuery={query.deploymentQuery}
          onKindsChange={(annotationKinds) => commit({ annotationKinds })}
          onDeploymentQueryChange={(deploymentQuery) => change({ deploymentQuery })}
          onDeploymentQueryBlur={() => commit()}
        />
      )}

      {info.adhoc && <AdhocEditor source={datasource} adhoc={query.adhoc} onChange={(adhoc) => change({ adhoc })} onCommit={(adhoc) => commit({ adhoc })} />}

      {!check.ok && (
        <div className={styles.missing} role="status">
          Not run yet. Missing: {check.missing}
        </div>
      )}
    </Stack>
  );
}

/** "" → undefined (backend default); anything else as typed, so checkQuery can say what is wrong. */
function parseTopN(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

const getStyles = (theme: GrafanaTheme2) => ({
  description: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    alignSelf: 'center',
    marginLeft: theme.spacing(1),
  }),
  missing: css({
    color: theme.colors.warning.text,
    fontSize: theme.typography.bodySmall.fontSize,
    padding: theme.spacing(0.5, 1),
    borderLeft: `${theme.spacing(0.25)} solid ${theme.colors.warning.border}`,
    background: theme.colors.background.secondary,
  }),
});
