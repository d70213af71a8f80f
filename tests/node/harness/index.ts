// The process-level test harness: launch the backend like Grafana, talk gRPC to it.
export * from './launch';
export * from './client';
export * from './suite';
