import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Counter, Histogram, MetricsRegistry } from './metrics.js';

test('renders counters and histograms in the Prometheus text format', () => {
  const m = new MetricsRegistry();
  const c = m.register('requests_total', new Counter('Requests.'));
  const h = m.register('latency_seconds', new Histogram('Latency.', [0.1, 1]));
  c.inc({ verb: 'get' });
  c.inc({ verb: 'get' });
  h.observe({ verb: 'get' }, 0.5);
  const text = m.text();
  assert.match(text, /# TYPE requests_total counter\nrequests_total\{verb="get"\} 2/);
  assert.match(text, /latency_seconds_bucket\{verb="get",le="0.1"\} 0/);
  assert.match(text, /latency_seconds_bucket\{verb="get",le="1"\} 1/);
  assert.match(text, /latency_seconds_count\{verb="get"\} 1/);
});
