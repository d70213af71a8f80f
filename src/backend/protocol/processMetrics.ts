/**
 * A few standard process metrics in Prometheus text format, the Node
 * counterpart of what Go plugins expose by default, so Grafana's
 * `/api/plugins/<id>/metrics` shows the backend's memory and CPU.
 */

const START_SECONDS = Math.floor(Date.now() / 1000 - process.uptime());

export function processMetrics(): string {
  const mem = process.memoryUsage();
  const cpu = process.cpuUsage();
  const lines = [
    gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', mem.rss),
    counter('process_cpu_seconds_total', 'Total user and system CPU time spent in seconds.', (cpu.user + cpu.system) / 1e6),
    gauge('process_start_time_seconds', 'Start time of the process since unix epoch in seconds.', START_SECONDS),
    gauge('nodejs_heap_size_used_bytes', 'V8 heap used in bytes.', mem.heapUsed),
    gauge('nodejs_heap_size_total_bytes', 'V8 heap allocated in bytes.', mem.heapTotal),
  ];
  return lines.join('');
}

function gauge(name: string, help: string, value: number): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${name} ${value}\n`;
}

function counter(name: string, help: string, value: number): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} counter\n${name} ${value}\n`;
}
