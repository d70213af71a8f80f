/** Every panel renders its data in Grafana's light and dark themes (theme tokens only, no hard-coded colours). */
import React from 'react';
import { render, screen } from '@testing-library/react';
import { createTheme, FieldType, ThemeContext, toDataFrame } from '@grafana/data';
import { panelProps } from '../components/testing/panelProps';
import { AdherencePanel } from './adherence/AdherencePanel';
import { AdherenceOptions } from './adherence/options';
import { DEFAULT_CELL_LINK } from './adherence/viewModel';
import { OverviewPanel } from './overview/OverviewPanel';
import { DEFAULT_ROW_LINK, OverviewOptions } from './overview/options';

const catalog = toDataFrame({
  fields: [
    { name: 'slo', type: FieldType.string, values: ['web/home'] },
    { name: 'name', type: FieldType.string, values: ['home'] },
    { name: 'remaining', type: FieldType.number, values: [-0.25] },
    { name: 'burnState', type: FieldType.string, values: ['Critical'] },
  ],
});
const adherence = toDataFrame({
  fields: [
    { name: 'slo', type: FieldType.string, values: ['web/home'] },
    { name: 'name', type: FieldType.string, values: ['home'] },
    { name: 'period', type: FieldType.string, values: ['2026-10'] },
    { name: 'periodStart', type: FieldType.time, values: [Date.UTC(2026, 9, 1)] },
    { name: 'state', type: FieldType.string, values: ['Broken'] },
    { name: 'sliValue', type: FieldType.number, values: [0.998] },
  ],
});

describe.each(['light', 'dark'] as const)('panels in the %s theme', (mode) => {
  const theme = createTheme({ colors: { mode } });
  const wrap = (ui: React.ReactElement) => render(<ThemeContext.Provider value={theme}>{ui}</ThemeContext.Provider>);

  it('SLOs by service shows the critical SLO with its debt', () => {
    wrap(<OverviewPanel {...panelProps<OverviewOptions>([catalog], { groupBy: 'none', showDefaults: true, rowLink: DEFAULT_ROW_LINK })} />);
    expect(screen.getByText('-25.0%')).toBeInTheDocument();
    expect(screen.getByText('Critical')).toBeInTheDocument();
  });

  it('adherence shows the broken period in words', () => {
    wrap(<AdherencePanel {...panelProps<AdherenceOptions>([adherence], { cellLink: DEFAULT_CELL_LINK, showSli: true })} />);
    expect(screen.getByRole('link', { name: 'home, 2026-10: Broken, SLI 99.800%' })).toBeInTheDocument();
  });
});
