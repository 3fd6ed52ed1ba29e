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
export class Metrics {
  private readonly routes = new Map<string, RouteStats>();

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
