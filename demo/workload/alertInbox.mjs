// Where the demo's Grafana contact points deliver: one webhook per team
// (POST /alerts/<team>, book 7.5.1 "#team-1-slo-breaches"), kept in memory so
// `curl localhost:8080/alerts` shows which SLO alerts reached which team.

/** The last `limit` notifications, newest last. */
export class AlertInbox {
  constructor(limit = 200) {
    this.limit = limit;
    this.items = [];
  }

  /** Records one Grafana webhook payload ({ status, alerts: [{ labels, annotations, startsAt }] }). */
  receive(team, payload, atMs) {
    const alerts = Array.isArray(payload?.alerts) ? payload.alerts : [];
    for (const a of alerts) {
      this.items.push({
        team,
        receivedAt: new Date(atMs).toISOString(),
        status: a.status ?? payload.status ?? 'unknown',
        alertname: a.labels?.alertname ?? '',
        slo: a.labels?.slo ?? '',
        severity: a.labels?.severity ?? '',
        summary: a.annotations?.summary ?? '',
      });
    }
    this.items.splice(0, Math.max(0, this.items.length - this.limit));
    return alerts.length;
  }

  list() {
    return [...this.items];
  }
}
