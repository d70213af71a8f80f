#!/usr/bin/env node
// The demo workload of `docker compose up`: three small services behind one
// port that serve HTTP with injectable failures and latency, expose Prometheus
// metrics, push access logs to Loki, and drive their own traffic so every
// SLO has live data within minutes.
//
// Environment: PORT (8080), ENV_LABEL (demo), LOKI_URL (unset = no logs),
// RATE (requests per second of self-generated traffic, 20; 0 = none),
// SCHEDULED_INCIDENTS (true). Alerts from Grafana's contact points: GET /alerts.
//
//   curl -XPOST localhost:8080/admin/faults -d '{"service":"checkout","route":"/orders","errorRatio":0.3,"durationSeconds":600}'
import http from 'node:http';
import { AlertInbox } from './alertInbox.mjs';
import { createHandler } from './app.mjs';
import { FaultBook } from './faults.mjs';
import { LokiPusher } from './loki.mjs';
import { Metrics } from './metrics.mjs';
import { startTraffic } from './traffic.mjs';

const port = Number(process.env.PORT ?? 8080);
const env = process.env.ENV_LABEL ?? 'demo';
const rate = Number(process.env.RATE ?? 20);
const metrics = new Metrics(env);
const faults = new FaultBook({ scheduled: process.env.SCHEDULED_INCIDENTS !== 'false' });
const loki = process.env.LOKI_URL ? new LokiPusher({ url: process.env.LOKI_URL, env }) : undefined;

const server = http.createServer(createHandler({ metrics, faults, loki, inbox: new AlertInbox() }));
server.listen(port, () => {
  console.log(`demo workload on :${port} (env=${env}, rate=${rate}/s, loki=${process.env.LOKI_URL ?? 'off'})`);
  const stopTraffic = startTraffic({ baseUrl: `http://127.0.0.1:${port}`, rate });
  const flusher = loki ? setInterval(() => void loki.flush(), 5000) : undefined;
  const stop = () => {
    stopTraffic();
    if (flusher) clearInterval(flusher);
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
});
