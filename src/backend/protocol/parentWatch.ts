/**
 * Notices when the host (Grafana) is gone. If Grafana is killed outright it
 * cannot send Shutdown, and an idle plugin writes nothing, so no EPIPE tells
 * it either: it would live on as an orphan holding its port and memory. The
 * orphan is re-parented (to init or a subreaper), so a changed parent pid
 * means the host is gone.
 *
 * WHY not stdin: go-plugin hands the plugin Grafana's own stdin, often
 * /dev/null or a terminal, so its end says nothing about Grafana.
 */
export function watchParent(onGone: () => void, intervalMs = 1_000, parentPid: () => number = () => process.ppid): () => void {
  const original = parentPid();
  const timer = setInterval(() => {
    if (parentPid() !== original) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref(); // never keeps the process alive by itself
  return () => clearInterval(timer);
}
