import { setupUiTestEnvironment } from './testUtils';
import React, { useState } from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { DataSourceSettings } from '@grafana/data';
import { ConfigEditor } from './ConfigEditor';
import { SloLedgerOptions, SloLedgerSecureJsonData } from './types';

jest.mock('./config/YamlEditor', () => ({
  // Monaco needs a browser: a textarea stands in, with the marks listed as the editor would show them.
  YamlEditor: ({ value, onChange, label, marks }: { value: string; onChange: (t: string) => void; label: string; marks: Array<{ line: number }> }) => (
    <div>
      <textarea aria-label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} />
      <span data-testid="marked-lines">{marks.map((m) => m.line).join(',')}</span>
    </div>
  ),
}));

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  DataSourcePicker: ({ onChange, type }: { onChange: (ds: { uid: string; type: string }) => void; type: string }) => (
    <button type="button" onClick={() => onChange({ uid: `${type}-uid`, type })}>
      Pick a {type} datasource
    </button>
  ),
}));

setupUiTestEnvironment();

type Options = DataSourceSettings<SloLedgerOptions, SloLedgerSecureJsonData>;

const makeOptions = (overrides: Partial<Options> = {}): Options =>
  ({
    id: 1,
    uid: 'slo',
    orgId: 1,
    name: 'SLO Ledger',
    type: 'sloledger-datasource',
    typeName: 'SLO Ledger',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    withCredentials: false,
    readOnly: false,
    version: 1,
    jsonData: {},
    secureJsonFields: {},
    ...overrides,
  }) as Options;

/** Renders the editor the way Grafana does: every change comes back as the new options. */
function renderEditor(initial: Options) {
  const changes: Options[] = [];
  function Harness() {
    const [options, setOptions] = useState(initial);
    return (
      <ConfigEditor
        options={options}
        onOptionsChange={(next) => {
          changes.push(next);
          setOptions(next);
        }}
      />
    );
  }
  render(<Harness />);
  return { changes, last: () => changes[changes.length - 1] };
}

const VALID = `apiVersion: sloledger/v1
teams:
  - name: payments
services:
  - name: checkout
    team: payments
    slos:
      - name: orders
        sli: availability
        objective: 99.5
        source: demo
        good: demo_good{slo="orders"}[$__window]
        total: demo_total{slo="orders"}[$__window]
`;

const typeCatalog = async (text: string) => {
  await act(async () => {
    fireEvent.change(screen.getByLabelText('Catalog YAML'), { target: { value: text } });
  });
};

describe('ConfigEditor: the catalog YAML', () => {
  it('flags an error at its line as you type, and clears it when fixed', async () => {
    const { last } = renderEditor(makeOptions());
    await typeCatalog(VALID);
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent('Valid: 1 SLO.');
    expect(screen.queryByRole('list', { name: 'Catalog issues' })).not.toBeInTheDocument();

    await typeCatalog(VALID.replace('objective: 99.5', 'objective: 100'));
    const issues = within(screen.getByRole('list', { name: 'Catalog issues' })).getAllByRole('listitem');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toHaveTextContent(/^line 10, col 20: services\[0\]\.slos\[0\]\.objective: 100 is not allowed/);
    expect(screen.getByTestId('marked-lines')).toHaveTextContent('10');
    expect(screen.getByText(/1 error: 0 SLOs load/)).toBeInTheDocument();
    expect(last().jsonData.catalogYaml).toContain('objective: 100');

    await typeCatalog(VALID);
    expect(screen.queryByRole('list', { name: 'Catalog issues' })).not.toBeInTheDocument();
    expect(screen.getByTestId('marked-lines')).toHaveTextContent('');
  });

  it('locates YAML syntax errors and unknown keys (as warnings)', async () => {
    renderEditor(makeOptions());
    await typeCatalog(VALID.replace('        sli: availability', '        sli: availability\n        objectiv: 99'));
    expect(screen.getByRole('list', { name: 'Catalog issues' })).toHaveTextContent(/line 10, col 9: services\[0\]\.slos\[0\]\.objectiv: .*\(warning\)/);

    await typeCatalog('apiVersion: sloledger/v1\nteams: [payments\n');
    expect(within(screen.getByRole('list', { name: 'Catalog issues' })).getAllByRole('listitem')[0]).toHaveTextContent(/^line \d+, col \d+: YAML syntax/);
  });

  it('keeps the catalog directory', () => {
    const { last } = renderEditor(makeOptions());
    fireEvent.change(screen.getByLabelText(/Catalog directory/), { target: { value: '/etc/grafana/provisioning/slos' } });
    expect(last().jsonData.catalogDir).toBe('/etc/grafana/provisioning/slos');
  });
});

describe('ConfigEditor: connections', () => {
  const bearerConnection = { name: 'prom', type: 'prometheus' as const, url: 'http://prometheus:9090', auth: 'bearer' as const, headerNames: ['X-Api-Key'] };

  it('shows configured secrets as "configured" with a reset, never as a value', () => {
    renderEditor(
      makeOptions({
        jsonData: { connections: [bearerConnection] },
        secureJsonFields: { 'prom.bearerToken': true, 'prom.header.X-Api-Key': true },
      })
    );
    const configured = screen.getAllByDisplayValue('configured');
    expect(configured).toHaveLength(2);
    configured.forEach((input) => expect(input).toBeDisabled());
    expect(screen.getAllByRole('button', { name: 'Reset' })).toHaveLength(2);
    // Only the CA certificate (not configured) offers an empty field to type into.
    expect(screen.getByLabelText(/^CA certificate/)).toHaveValue('');
  });

  it('sends typed secrets in secureJsonData only, and a reset clears the stored one', () => {
    const { last } = renderEditor(makeOptions({ jsonData: { connections: [bearerConnection] }, secureJsonFields: { 'prom.header.X-Api-Key': true } }));
    const token = screen.getByLabelText('Bearer token');
    expect(token).toHaveAttribute('type', 'password');
    fireEvent.change(token, { target: { value: 's3cret' } });
    expect(last().secureJsonData).toEqual({ 'prom.bearerToken': 's3cret' });
    expect(JSON.stringify(last().jsonData)).not.toContain('s3cret');

    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(last().secureJsonFields['prom.header.X-Api-Key']).toBe(false);
    expect(last().secureJsonData?.['prom.header.X-Api-Key']).toBe('');
    expect(screen.getByLabelText('Header 1 value')).toHaveValue('');
  });

  it('shows settings problems next to their fields', () => {
    renderEditor(
      makeOptions({
        jsonData: {
          connections: [{ name: 'prom', type: 'prometheus', url: 'ftp://old-host', timeoutSeconds: -5 }],
          defaultConnection: 'gone',
          timeZone: 'Mars/Olympus',
        },
      })
    );
    expect(screen.getByText('"ftp://old-host" is not an http(s) URL')).toBeInTheDocument();
    expect(screen.getByText('must be a number greater than 0')).toBeInTheDocument();
    expect(screen.getByText('no connection named "gone"')).toBeInTheDocument();
    expect(screen.getByText(/unknown IANA time zone "Mars\/Olympus"/)).toBeInTheDocument();
  });

  it('adds a connection with a unique name and asks for its URL', () => {
    const { last } = renderEditor(makeOptions({ jsonData: { connections: [{ name: 'prometheus', type: 'prometheus', url: 'http://p:9090' }] } }));
    fireEvent.click(screen.getByRole('button', { name: 'Add Prometheus connection' }));
    expect(last().jsonData.connections?.[1]).toEqual({ name: 'prometheus-2', type: 'prometheus', url: '', auth: 'none' });
    expect(screen.getByText(/set url \(e\.g\. http:\/\/prometheus:9090\) or grafanaUid/)).toBeInTheDocument();
  });

  it('can point a connection at an existing Grafana datasource of its type', () => {
    const { last } = renderEditor(makeOptions({ jsonData: { connections: [{ name: 'logs', type: 'loki', url: 'http://loki:3100' }] } }));
    fireEvent.click(screen.getByRole('radio', { name: 'Grafana datasource' }));
    fireEvent.click(screen.getByRole('button', { name: 'Pick a loki datasource' }));
    expect(last().jsonData.connections?.[0]).toEqual(expect.objectContaining({ name: 'logs', grafanaUid: 'loki-uid', url: undefined }));
    // Grafana applies that datasource's credentials: none are asked for here
    expect(screen.queryByRole('radio', { name: 'Bearer' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/Tenant/)).not.toBeInTheDocument();
    expect(screen.getByText(/Grafana applies this datasource's own URL and credentials/)).toBeInTheDocument();
  });

  it('renaming a connection moves typed secrets and resets stored ones (they are kept per name)', () => {
    const { last } = renderEditor(
      makeOptions({
        jsonData: { connections: [{ ...bearerConnection, auth: 'basic', basicAuthUser: 'grafana' }] },
        secureJsonFields: { 'prom.basicAuthPassword': true },
        secureJsonData: { 'prom.header.X-Api-Key': 'typed-key' },
      })
    );
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'mimir' } });
    expect(last().jsonData.connections?.[0].name).toBe('mimir');
    expect(last().secureJsonData).toEqual({ 'mimir.header.X-Api-Key': 'typed-key', 'prom.basicAuthPassword': '' });
    expect(last().secureJsonFields).toEqual({ 'prom.basicAuthPassword': false });
  });

  it('removing a connection resets its secrets and an obsolete default', () => {
    const { last } = renderEditor(
      makeOptions({ jsonData: { connections: [bearerConnection], defaultConnection: 'prom' }, secureJsonFields: { 'prom.bearerToken': true, 'other.bearerToken': true } })
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove connection prom' }));
    expect(last().jsonData.connections).toEqual([]);
    expect(last().jsonData.defaultConnection).toBeUndefined();
    expect(last().secureJsonFields).toEqual({ 'prom.bearerToken': false, 'other.bearerToken': true });
  });

  it('turns the demo source on and off', () => {
    const { last } = renderEditor(makeOptions({ jsonData: { connections: [bearerConnection] } }));
    const demo = screen.getByLabelText(/Demo source/);
    expect(demo).not.toBeChecked();
    fireEvent.click(demo);
    expect(last().jsonData.demo).toBe(true);
  });
});

describe('ConfigEditor: the ledger', () => {
  it('keeps the embedded SQLite file by default, with an optional path', () => {
    const { last } = renderEditor(makeOptions());
    expect(screen.getByRole('radio', { name: 'SQLite (embedded)' })).toBeChecked();
    fireEvent.change(screen.getByLabelText(/^Ledger database/), { target: { value: '/data/ledger.db' } });
    expect(last().jsonData.ledgerPath).toBe('/data/ledger.db');
  });

  it('asks for the PostgreSQL connection string as a secret, never in jsonData', () => {
    const { last } = renderEditor(makeOptions());
    fireEvent.click(screen.getByRole('radio', { name: 'PostgreSQL' }));
    expect(last().jsonData.ledgerBackend).toBe('postgres');
    const url = screen.getByLabelText(/^PostgreSQL connection string/);
    expect(url).toHaveAttribute('type', 'password');
    fireEvent.change(url, { target: { value: 'postgres://grafana:pw@db:5432/sloledger' } });
    expect(last().secureJsonData).toEqual({ 'ledger.postgresUrl': 'postgres://grafana:pw@db:5432/sloledger' });
    expect(JSON.stringify(last().jsonData)).not.toContain('pw@db');
  });

  it('shows a stored connection string as configured with a reset', () => {
    renderEditor(makeOptions({ jsonData: { ledgerBackend: 'postgres' }, secureJsonFields: { 'ledger.postgresUrl': true } }));
    expect(screen.getByDisplayValue('configured')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reset' })).toBeInTheDocument();
  });
});

describe('ConfigEditor: limits', () => {
  const connection = { name: 'prom', type: 'prometheus' as const, url: 'http://prometheus:9090' };
  const connectionOf = (options: Options) => options.jsonData.connections?.[0] as unknown as Record<string, unknown>;
  const datasourceOf = (options: Options) => options.jsonData as unknown as Record<string, unknown>;

  it.each([
    { label: 'Timeout (seconds)', key: 'timeoutSeconds', placeholder: '30', read: connectionOf },
    { label: 'Max concurrent requests', key: 'maxConcurrency', placeholder: '8', read: connectionOf },
    { label: 'Max response size (MB)', key: 'maxResponseMB', placeholder: '64', read: connectionOf },
    { label: 'Max cached buckets', key: 'cacheMaxEntries', placeholder: '10000', read: datasourceOf },
    { label: 'Max cache size (MB)', key: 'cacheMaxMB', placeholder: '256', read: datasourceOf },
  ])('"$label" shows its default $placeholder, stores a typed number as $key and clears back to the default', ({ label, key, placeholder, read }) => {
    const { last } = renderEditor(makeOptions({ jsonData: { connections: [connection] } }));
    const input = screen.getByLabelText(label);
    expect(input).toHaveAttribute('placeholder', placeholder);
    expect(input).toHaveValue(null);

    fireEvent.change(input, { target: { value: '12' } });
    expect(read(last())[key]).toBe(12);
    expect(input).toHaveValue(12);

    fireEvent.change(input, { target: { value: '' } });
    expect(read(last())).not.toHaveProperty(key, expect.anything());
  });

  it.each([
    { label: 'Max response size (MB)', jsonData: { connections: [{ ...connection, maxResponseMB: 0 }] } },
    { label: 'Max concurrent requests', jsonData: { connections: [{ ...connection, maxConcurrency: -2 }] } },
    { label: 'Max cached buckets', jsonData: { connections: [connection], cacheMaxEntries: -1 } },
    { label: 'Max cache size (MB)', jsonData: { connections: [connection], cacheMaxMB: 0 } },
  ])('a value the core rejects is named at "$label", not in the list above the form', ({ label, jsonData }) => {
    renderEditor(makeOptions({ jsonData }));
    expect(screen.getByLabelText(label)).toHaveAccessibleDescription('must be a number greater than 0');
    expect(screen.queryByText('Settings problems')).not.toBeInTheDocument();
  });

  it('typing a bad value shows the message at once, and a good one clears it', () => {
    renderEditor(makeOptions({ jsonData: { connections: [connection] } }));
    const input = screen.getByLabelText('Max response size (MB)');
    expect(input).not.toHaveAccessibleDescription();
    fireEvent.change(input, { target: { value: '-3' } });
    expect(input).toHaveAccessibleDescription('must be a number greater than 0');
    fireEvent.change(input, { target: { value: '0.5' } });
    expect(input).not.toHaveAccessibleDescription();
  });
});
