import { setupUiTestEnvironment } from '../testUtils';
import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { SloLedgerDataSource } from '../SloLedgerDataSource';
import type { SloLedgerVariableQuery } from '../types';
import { VariableQueryEditor } from './VariableQueryEditor';

setupUiTestEnvironment();

const makeDatasource = () =>
  ({
    fetchOptions: jest.fn(async () => [{ value: 'payments', label: 'payments' }]),
    variableNames: () => ['$team'],
  }) as unknown as SloLedgerDataSource & { fetchOptions: jest.Mock };

function renderEditor(query: Partial<SloLedgerVariableQuery>) {
  const onChange = jest.fn();
  const datasource = makeDatasource();
  render(<VariableQueryEditor datasource={datasource} query={{ refId: 'v', dimension: 'slos', ...query }} onChange={onChange} onRunQuery={jest.fn()} />);
  return { onChange, datasource };
}

describe('VariableQueryEditor', () => {
  it('lists services narrowed by the team variable, without a service filter of its own', async () => {
    const { onChange, datasource } = renderEditor({ dimension: 'services' });
    expect(screen.queryByRole('combobox', { name: 'Service' })).not.toBeInTheDocument();
    await act(async () => {
      fireEvent.click(screen.getByRole('combobox', { name: 'Team' }));
    });
    fireEvent.click(await screen.findByRole('option', { name: '$team' }));
    expect(datasource.fetchOptions).toHaveBeenCalledWith('teams', {});
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'v', dimension: 'services', teams: ['$team'] });
  });

  it('changes the dimension', async () => {
    const { onChange } = renderEditor({ dimension: 'slos', teams: ['$team'] });
    await act(async () => {
      fireEvent.click(screen.getByRole('combobox', { name: 'Values of' }));
    });
    fireEvent.click(await screen.findByRole('option', { name: 'Deployments' }));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'v', dimension: 'deployments', teams: ['$team'] });
  });
});
