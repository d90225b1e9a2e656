// A small Prometheus text-format registry: counters, gauges and histograms with labels.
// Each daemon makes its own and serves it on /metrics.

type Labels = Readonly<Record<string, string>>;

/** A cheap map key for a label set (callers pass labels in a fixed order); text is made at render time. */
const keyOf = (l: Labels): string => {
  let k = '';
  for (const n in l) k += `${n}\u0001${l[n]}\u0002`;
  return k;
};

const labelText = (l: Labels): string => {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
};

interface Family { help: string; type: 'counter' | 'gauge' | 'histogram'; render(name: string): string[] }

export class Counter implements Family {
  readonly type = 'counter';
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly help: string) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = keyOf(labels);
    const cur = this.values.get(k);
    if (cur === undefined) this.values.set(k, { labels, value: by }); else cur.value += by;
  }
  render(name: string): string[] {
    return [...this.values.values()].map((s) => `${name}${labelText(s.labels)} ${s.value}`);
  }
}

export class Gauge implements Family {
  readonly type = 'gauge';
  private readonly values = new Map<string, number>();
  private readonly collect: (() => Iterable<[Labels, number]>) | undefined;
  constructor(readonly help: string, collect?: () => Iterable<[Labels, number]>) {
    this.collect = collect;
  }
  set(labels: Labels, v: number): void {
    this.values.set(labelText(labels), v);
  }
  render(name: string): string[] {
    if (this.collect !== undefined) return [...this.collect()].map(([l, v]) => `${name}${labelText(l)} ${v}`);
    return [...this.values].map(([l, v]) => `${name}${l} ${v}`);
  }
}

export class Histogram implements Family {
  readonly type = 'histogram';
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(readonly help: string, private readonly buckets: readonly number[]) {}
  observe(labels: Labels, v: number): void {
    const k = keyOf(labels);
    let s = this.series.get(k);
    if (s === undefined) { s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 }; this.series.set(k, s); }
    for (let i = 0; i < this.buckets.length; i++) if (v <= this.buckets[i]!) s.counts[i]!++;
    s.sum += v;
    s.count++;
  }
  render(name: string): string[] {
    const out: string[] = [];
    for (const s of this.series.values()) {
      this.buckets.forEach((b, i) => out.push(`${name}_bucket${labelText({ ...s.labels, le: String(b) })} ${s.counts[i]}`));
      out.push(`${name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`);
      out.push(`${name}_sum${labelText(s.labels)} ${s.sum}`);
      out.push(`${name}_count${labelText(s.labels)} ${s.count}`);
    }
    return out;
  }
}

export class MetricsRegistry {
  private readonly families = new Map<string, Family>();

  register<F extends Family>(name: string, f: F): F {
    this.families.set(name, f);
    return f;
  }

  text(): string {
    const lines: string[] = [];
    for (const [name, f] of this.families) {
      lines.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`, ...f.render(name));
    }
    const mem = process.memoryUsage();
    lines.push('# HELP process_resident_memory_bytes Resident memory size in bytes.', '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${mem.rss}`);
    return `${lines.join('\n')}\n`;
  }
}
