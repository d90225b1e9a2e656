// Command-line flags with environment-variable twins and defaults, and the --help text.

export interface FlagSpec {
  readonly name: string;          // without dashes: 'etcd-servers'
  readonly default: string;
  readonly help: string;
  /** BOSUN_ETCD_SERVERS unless given. */
  readonly env?: string;
  readonly boolean?: boolean;
}

export class FlagError extends Error {
  override readonly name = 'FlagError';
}

export const envName = (f: FlagSpec): string => f.env ?? `BOSUN_${f.name.toUpperCase().replace(/-/g, '_')}`;

export interface ParsedFlags {
  readonly values: ReadonlyMap<string, string>;
  readonly help: boolean;
  readonly rest: readonly string[];
}

/** --name=value, --name value, --flag (booleans); environment twins fill what argv leaves out. */
export function parseFlags(specs: readonly FlagSpec[], argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedFlags {
  const values = new Map<string, string>();
  const byName = new Map(specs.map((s) => [s.name, s]));
  const rest: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') { help = true; continue; }
    if (!arg.startsWith('--')) { rest.push(arg); continue; }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = byName.get(name);
    if (spec === undefined) throw new FlagError(`unknown flag --${name} (see --help)`);
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (spec.boolean === true) value = 'true';
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new FlagError(`flag --${name} needs a value`);
      value = next;
      i++;
    }
    if (spec.boolean === true && value !== 'true' && value !== 'false') throw new FlagError(`flag --${name} takes true or false, not ${JSON.stringify(value)}`);
    values.set(name, value);
  }
  for (const s of specs) {
    if (values.has(s.name)) continue;
    const e = env[envName(s)];
    values.set(s.name, e !== undefined && e !== '' ? e : s.default);
  }
  return { values, help, rest };
}

export function flagValue(p: ParsedFlags, name: string): string {
  const v = p.values.get(name);
  if (v === undefined) throw new FlagError(`flag --${name} is not defined`);
  return v;
}

export function intFlag(p: ParsedFlags, name: string, min: number, max: number): number {
  const v = flagValue(p, name);
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new FlagError(`flag --${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(v)}`);
  return n;
}

const unitSeconds: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600 };

/** A duration in whole seconds, written as Kubernetes writes them ("15s", "2m", "1h") or as a bare number of seconds. */
export function secondsFlag(p: ParsedFlags, name: string, min: number, max: number): number {
  const v = flagValue(p, name);
  const m = /^(\d+)([smh]?)$/.exec(v);
  const n = m === null ? NaN : Number(m[1]) * (unitSeconds[m[2] ?? ''] ?? 1);
  if (!(n >= min && n <= max)) throw new FlagError(`flag --${name} must be a duration of whole seconds from ${min}s to ${max}s (e.g. "15s", "2m"), not ${JSON.stringify(v)}`);
  return n;
}

const unitMs: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration in milliseconds: "500ms", "1.5s", "2m", "1h", or a bare number of seconds. */
export function durationMsFlag(p: ParsedFlags, name: string, minMs = 0, maxMs = Number.MAX_SAFE_INTEGER): number {
  const v = flagValue(p, name);
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  const ms = m === null ? NaN : Math.round(Number(m[1]) * (unitMs[m[2] ?? 's'] ?? 1000));
  if (!(ms >= minMs && ms <= maxMs)) throw new FlagError(`flag --${name}: ${JSON.stringify(v)} is not a duration like 1s, 500ms or 2m${minMs > 0 ? ` of at least ${minMs} ms` : ''}`);
  return ms;
}

export function helpText(usage: string, summary: string, specs: readonly FlagSpec[]): string {
  const width = Math.max(...specs.map((s) => s.name.length + (s.boolean === true ? 0 : 6))) + 4;
  const lines = [`Usage: ${usage}`, '', summary, '', 'Flags (each also read from the environment variable shown):'];
  for (const s of specs) {
    const left = `  --${s.name}${s.boolean === true ? '' : ' VALUE'}`;
    lines.push(`${left.padEnd(width + 2)}${s.help} (default ${JSON.stringify(s.default)}; env ${envName(s)})`);
  }
  lines.push(`  --help${' '.repeat(Math.max(1, width - 4))}show this help`);
  return lines.join('\n');
}
