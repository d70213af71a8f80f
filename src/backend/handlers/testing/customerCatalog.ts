/**
 * A demo-source catalog with per-customer SLAs (book 11.2.7), shared by the
 * customer resource and query tests: `sla/per-customer` over two SLOs with a
 * customer label, `sla/contract` without one, and `sla/unsplittable`, whose
 * component already matches the customer label and so cannot be restricted.
 */
export const CUSTOMER_CATALOG_YAML = `apiVersion: sloledger/v1
defaults: { period: { calendar: month }, minEvents: 0 }
teams: [{ name: payments }]
services:
  - name: checkout
    team: payments
    slos:
      - { name: orders, sli: availability, objective: 99.9, source: demo, good: 'demo_good{slo="orders"}[$__window]', total: 'demo_total{slo="orders"}[$__window]' }
      - { name: status, sli: availability, objective: 99, source: demo, good: 'demo_good{slo="status"}[$__window]', total: 'demo_total{slo="status"}[$__window]' }
      - { name: broken, sli: availability, objective: 99, source: demo, good: 'demo_good{slo="b",customer="x"}[$__window]', total: 'demo_total{slo="b"}[$__window]' }
slas:
  - { name: contract, service: checkout, contractual: true, objective: 99.5, period: { calendar: month }, components: [checkout/orders] }
  - { name: per-customer, service: checkout, contractual: false, objective: 99.5, period: { calendar: month }, components: [checkout/orders, checkout/status], customerLabel: customer }
  - { name: unsplittable, service: checkout, contractual: false, objective: 99, period: { calendar: month }, components: [checkout/broken], customerLabel: customer }
`;
