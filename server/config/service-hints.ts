// One place for the "how do I start it" hints printed when a service is down (start script, worker, web).
export function describeServiceUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(an invalid URL)";
  }
}

export function serviceStartHint(service: "postgres" | "redis"): string {
  return service === "postgres"
    ? "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start (or set DATABASE_URL)."
    : 'Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no (or set REDIS_URL).';
}
