/**
 * Explore's ad hoc SLO (book 17.6 "ad hoc budget exploration"): a source,
 * good or bad events, total events, an objective and a period, run without a
 * catalog. "Copy as catalog YAML" turns it into a native catalog snippet.
 */
import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { ClipboardButton, Combobox, ControlledCollapse, InlineField, InlineFieldRow, Input, RadioButtonGroup, Stack, TextArea, useStyles2 } from '@grafana/ui';
import { AdhocSpec, checkQuery } from '../../core/contracts/queryModel';
import { adhocToYaml } from '../adhocToYaml';
import type { ConnectionJson } from '../types';
import { ADHOC_PERIODS } from './queryTypes';

export interface AdhocSource {
  connections(): ConnectionJson[];
  demoEnabled(): boolean;
}

interface Props {
  source: AdhocSource;
  adhoc: AdhocSpec | undefined;
  /** Every edit. */
  onChange: (next: AdhocSpec) => void;
  /** A finished edit (blur, pick): the query may run. */
  onCommit: (next: AdhocSpec) => void;
}

type EventsMode = 'good' | 'bad';

const SOURCES: Array<{ value: AdhocSpec['source']; label: string }> = [
  { value: 'prometheus', label: 'Prometheus' },
  { value: 'loki', label: 'Loki' },
  { value: 'demo', label: 'Demo' },
];

const PLACEHOLDERS: Record<AdhocSpec['source'], { good: string; bad: string; total: string }> = {
  prometheus: {
    good: 'sum(increase(http_requests_total{code!~"5.."}[$__window]))',
    bad: 'sum(increase(http_requests_total{code=~"5.."}[$__window]))',
    total: 'sum(increase(http_requests_total[$__window]))',
  },
  loki: {
    good: 'sum(count_over_time({app="api"} | json | status < 500 [$__window]))',
    bad: 'sum(count_over_time({app="api"} | json | status >= 500 [$__window]))',
    total: 'sum(count_over_time({app="api"} | json [$__window]))',
  },
  demo: { good: 'demo_good{slo="checkout"}[$__window]', bad: 'demo_bad{slo="checkout"}[$__window]', total: 'demo_total{slo="checkout"}[$__window]' },
};

/** A new ad hoc spec: the demo source when nothing else is configured, 99.9 over 28 days. */
export function defaultAdhoc(source: AdhocSource): AdhocSpec {
  const useDemo = source.demoEnabled() && source.connections().length === 0;
  return { source: useDemo ? 'demo' : 'prometheus', good: '', total: '', objective: 99.9, period: '28d' };
}

export function AdhocEditor({ source, adhoc, onChange, onCommit }: Props) {
  const styles = useStyles2(getStyles);
  const spec = adhoc ?? defaultAdhoc(source);
  const mode: EventsMode = spec.bad !== undefined && spec.good === undefined ? 'bad' : 'good';
  const [objectiveText, setObjectiveText] = useState(String(spec.objective ?? ''));
  const [copied, setCopied] = useState(false);
  const complete = checkQuery({ refId: 'A', queryType: 'adhoc', adhoc: spec }).ok;
  const yamlText = useMemo(() => (complete ? adhocToYaml(spec) : ''), [complete, spec]);
  const connections = source.connections().filter((c) => c.type === spec.source);
  const placeholders = PLACEHOLDERS[spec.source];
  const windowMissing = (['good', 'bad', 'total'] as const).filter((k) => spec[k]?.trim() && !spec[k]!.includes('$__window'));

  const edit = (patch: Partial<AdhocSpec>) => onChange({ ...spec, ...patch });
  const commit = (patch: Partial<AdhocSpec> = {}) => onCommit({ ...spec, ...patch });

  const commitMode = (next: EventsMode) => {
    if (next === mode) {
      return;
    }
    const text = (mode === 'good' ? spec.good : spec.bad) ?? '';
    const { good: _g, bad: _b, ...rest } = spec;
    onCommit(next === 'good' ? { ...rest, good: text } : { ...rest, bad: text });
  };

  return (
    <Stack direction="column" gap={1}>
      <InlineFieldRow>
        <InlineField label="Source" labelWidth={14}>
          <RadioButtonGroup
            options={SOURCES.map((s) => ({ ...s, description: s.value === 'demo' && !source.demoEnabled() ? 'The demo source is off in the datasource settings' : undefined }))}
            value={spec.source}
            onChange={(value) => commit({ source: value, connection: undefined })}
          />
        </InlineField>
        {spec.source !== 'demo' && (
          <InlineField label="Connection" labelWidth={14} tooltip="A connection from the datasource settings; empty uses the default connection of this type">
            <Combobox<string>
              aria-label="Connection"
              placeholder={`Default ${spec.source} connection`}
              width={30}
              isClearable
              createCustomValue
              options={connections.map((c) => ({ value: c.name, label: c.name, description: c.url ?? c.grafanaUid }))}
              value={spec.connection ?? null}
              onChange={(option) => commit({ connection: option?.value || undefined })}
            />
          </InlineField>
        )}
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Events" labelWidth={14} tooltip="Count good events or bad events; the other follows from the total">
          <RadioButtonGroup
            options={[
              { value: 'good', label: 'Good events' },
              { value: 'bad', label: 'Bad events' },
            ]}
            value={mode}
            onChange={commitMode}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineField label={mode === 'good' ? 'Good' : 'Bad'} labelWidth={14} grow>
        <TextArea
          aria-label={mode === 'good' ? 'Good events expression' : 'Bad events expression'}
          className={styles.code}
          rows={2}
          placeholder={placeholders[mode]}
          value={(mode === 'good' ? spec.good : spec.bad) ?? ''}
          onChange={(e) => edit(mode === 'good' ? { good: e.currentTarget.value } : { bad: e.currentTarget.value })}
          onBlur={() => commit()}
        />
      </InlineField>
      <InlineField label="Total" labelWidth={14} grow>
        <TextArea
          aria-label="Total events expression"
          className={styles.code}
          rows={2}
          placeholder={placeholders.total}
          value={spec.total}
          onChange={(e) => edit({ total: e.currentTarget.value })}
          onBlur={() => commit()}
        />
      </InlineField>
      {windowMissing.length > 0 && (
        <div className={styles.hint} role="note">
          Expressions count events over the <code>$__window</code> range, e.g. <code>[$__window]</code>; missing in: {windowMissing.join(', ')}.
        </div>
      )}
      <InlineFieldRow>
        <InlineField label="Objective" labelWidth={14} tooltip="99.9 or 0.999; below 100 (a 100% SLO leaves no error budget, book 3.3)">
          <Input
            aria-label="Objective"
            type="number"
            width={12}
            step="any"
            value={objectiveText}
            suffix={Number(objectiveText) > 1 ? '%' : undefined}
            onChange={(e) => {
              setObjectiveText(e.currentTarget.value);
              edit({ objective: toNumber(e.currentTarget.value) });
            }}
            onBlur={() => commit({ objective: toNumber(objectiveText) })}
          />
        </InlineField>
        <InlineField label="Period" labelWidth={10} tooltip="Rolling window (28d) or calendar period (month)">
          <Combobox<string>
            aria-label="Period"
            width={24}
            createCustomValue
            options={[...ADHOC_PERIODS]}
            value={spec.period ?? '28d'}
            onChange={(option) => commit({ period: option.value })}
          />
        </InlineField>
      </InlineFieldRow>
      <Stack direction="row" gap={1} alignItems="center">
        <ClipboardButton
          icon="copy"
          variant="secondary"
          size="sm"
          disabled={!complete}
          getText={() => yamlText}
          onClipboardCopy={() => setCopied(true)}
        >
          Copy as catalog YAML
        </ClipboardButton>
        {copied && <span className={styles.hint}>Copied: paste it into the catalog and rename team, service and SLO.</span>}
      </Stack>
      {complete && (
        <ControlledCollapse label="Catalog YAML" isOpen={false}>
          <pre className={styles.yaml} aria-label="Catalog YAML">
            {yamlText}
          </pre>
        </ControlledCollapse>
      )}
    </Stack>
  );
}

function toNumber(text: string): number {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(n) ? 0 : n;
}

const getStyles = (theme: GrafanaTheme2) => ({
  code: css({ fontFamily: theme.typography.fontFamilyMonospace }),
  hint: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  yaml: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    padding: theme.spacing(1),
    margin: 0,
    whiteSpace: 'pre-wrap',
  }),
});
