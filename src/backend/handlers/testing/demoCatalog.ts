/**
 * The small demo-source catalog the handler, sharing and ledger tests run on:
 * one identity service with a calendar-month and a rolling-28d login SLO
 * (the same demo series, good/total and bad/total forms), optionally the
 * contractual SLA over them. One fixture, so the tests agree on what they test.
 */
export interface DemoCatalogOptions {
  /** Objective of the monthly SLO (percent). */
  monthlyObjective?: number;
  /** Include the rolling 28d SLO (default true). */
  rolling?: boolean;
  /** Components of the `accounts-contract` SLA; none: no SLA. */
  slaComponents?: string[];
  /** The SLA's `customerLabel` (per-customer figures, book 11.2.7); none: no customer label. */
  slaCustomerLabel?: string;
}

export function demoCatalogYaml({ monthlyObjective = 99.9, rolling = true, slaComponents, slaCustomerLabel }: DemoCatalogOptions = {}): string {
  const rollingSlo = `
      - name: login-rolling
        sli: availability
        objective: 99.5
        period: 28d
        source: demo
        bad: demo_bad{slo="accounts-login"}[$__window]
        total: demo_total{slo="accounts-login"}[$__window]`;
  const sla = `
slas:
  - name: accounts-contract
    contractual: true
    objective: 99
    period: { calendar: month }
    components: [${(slaComponents ?? []).join(', ')}]${slaCustomerLabel ? `
    customerLabel: ${slaCustomerLabel}` : ''}`;
  return `apiVersion: sloledger/v1
teams: [{ name: identity }]
services:
  - name: accounts
    team: identity
    slos:
      - name: login-monthly
        sli: availability
        objective: ${monthlyObjective}
        period: { calendar: month }
        source: demo
        good: demo_good{slo="accounts-login"}[$__window]
        total: demo_total{slo="accounts-login"}[$__window]${rolling ? rollingSlo : ''}${slaComponents ? sla : ''}
`;
}
