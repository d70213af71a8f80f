import { setupUiTestEnvironment } from '../testUtils';
import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import type { SloLedgerDataSource } from '../SloLedgerDataSource';
import { AnnotationQueryEditor } from './AnnotationQueryEditor';

setupUiTestEnvironment();

const datasource = { fetchOptions: jest.fn(async () => []), variableNames: () => [] } as unknown as SloLedgerDataSource;

describe('AnnotationQueryEditor', () => {
  it('edits the kinds of an episodes query, defaulting to episodes and exhaustion', () => {
    const onChange = jest.fn();
    render(<AnnotationQueryEditor datasource={datasource} query={{ refId: 'Anno' }} onChange={onChange} onRunQuery={jest.fn()} />);
    expect(screen.getByRole('checkbox', { name: /Depletion episodes/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Premature exhaustion/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Policy/ })).not.toBeChecked();
    fireEvent.click(screen.getByRole('checkbox', { name: /Policy/ }));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'Anno', queryType: 'episodes', annotationKinds: ['episodes', 'exhaustion', 'policy'] });
  });

  it('says that at least one kind is needed', () => {
    render(<AnnotationQueryEditor datasource={datasource} query={{ refId: 'Anno', annotationKinds: [] }} onChange={jest.fn()} onRunQuery={jest.fn()} />);
    expect(screen.getByText('Pick at least one kind')).toBeInTheDocument();
  });
});
