import React from 'react';
import { Alert } from '@grafana/ui';

/** An honest placeholder: says what is coming instead of pretending to show data. */
export function NotYetBuilt({ what }: { what: string }) {
  return (
    <Alert severity="info" title={`${what}: not yet built`}>
      This part of SLO Ledger is not built yet. See the README for the status of each part.
    </Alert>
  );
}
