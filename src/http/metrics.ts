import type { FastifyInstance } from 'fastify';

const BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500];

interface RouteStats {
  count: number;
  sumMs: number;
  buckets: number[];
}

/**
 * Request counts and latency histograms per route and status class, in the Prometheus text format,
 * with process memory. Labels are route patterns (`/api/v1/patients/:id`), never concrete URLs, so no
 * identifier reaches the monitoring system.
 */
/** What the daily safety state check counts (src/safety/check-state.loop.ts). */
export interface StateCheckCounts {
  checked: number;
  mismatched: number;
  alertsRaised: number;
  failed: number;
}

export class Metrics {
  private readonly routes = new Map<string, RouteStats>();
  private readonly stateCheck: StateCheckCounts = { checked: 0, mismatched: 0, alertsRaised: 0, failed: 0 };

  /** Adds one clinic's run of the daily safety state check to the counters. */
  countStateCheck(counts: StateCheckCounts): void {
    this.stateCheck.checked += counts.checked;
    this.stateCheck.mismatched += counts.mismatched;
    this.stateCheck.alertsRaised += counts.alertsRaised;
    this.stateCheck.failed += counts.failed;
  }

  observe(method: string, route: string, status: number, ms: number): void {
    const key = `${method} ${route} ${Math.floor(status / 100)}xx`;
    let stats = this.routes.get(key);
    if (stats === undefined) {
      stats = { count: 0, sumMs: 0, buckets: BUCKETS_MS.map(() => 0) };
      this.routes.set(key, stats);
    }
    stats.count += 1;
    stats.sumMs += ms;
    BUCKETS_MS.forEach((limit, i) => {
      if (ms <= limit) stats.buckets[i] = (stats.buckets[i] ?? 0) + 1;
    });
  }

  render(): string {
    const lines = [
      '# HELP onset_http_requests_total Requests answered, by route and status class.',
      '# TYPE onset_http_request_duration_ms histogram',
    ];
    for (const [key, stats] of this.routes) {
      const [method, route, status] = key.split(' ');
      const labels = `method="${method ?? ''}",route="${route ?? ''}",status="${status ?? ''}"`;
      BUCKETS_MS.forEach((limit, i) =>
        lines.push(`onset_http_request_duration_ms_bucket{${labels},le="${limit}"} ${stats.buckets[i] ?? 0}`),
      );
      lines.push(`onset_http_request_duration_ms_bucket{${labels},le="+Inf"} ${stats.count}`);
      lines.push(`onset_http_request_duration_ms_sum{${labels}} ${stats.sumMs.toFixed(3)}`);
      lines.push(`onset_http_request_duration_ms_count{${labels}} ${stats.count}`);
    }
    const check = this.stateCheck;
    lines.push(
      '# HELP onset_safety_state_checked_total Patients the daily safety state check compared with a whole-history evaluation.',
      '# TYPE onset_safety_state_checked_total counter',
      `onset_safety_state_checked_total ${check.checked}`,
      '# HELP onset_safety_state_mismatched_total Patients the check found not matching (missing alerts, a basis not current, an alert nothing explains).',
      '# TYPE onset_safety_state_mismatched_total counter',
      `onset_safety_state_mismatched_total ${check.mismatched}`,
      '# HELP onset_safety_state_alerts_raised_total Missing alerts the check raised.',
      '# TYPE onset_safety_state_alerts_raised_total counter',
      `onset_safety_state_alerts_raised_total ${check.alertsRaised}`,
      '# HELP onset_safety_state_failed_total Patients the check could not evaluate.',
      '# TYPE onset_safety_state_failed_total counter',
      `onset_safety_state_failed_total ${check.failed}`,
    );
    const memory = process.memoryUsage();
    lines.push('# TYPE onset_process_resident_memory_bytes gauge', `onset_process_resident_memory_bytes ${memory.rss}`);
    lines.push('# TYPE onset_process_heap_used_bytes gauge', `onset_process_heap_used_bytes ${memory.heapUsed}`);
    return `${lines.join('\n')}\n`;
  }
}

export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime);
  });
}
