// Command-line arguments the way kubectl (cobra/pflag) reads them: long flags (--name=v,
// --name v), short flags (-n v, -nv, -n=v, grouped booleans -it), repeatable flags (-f a -f b),
// flags anywhere among the positionals, and `--` ending the flags (exec's command).

export type FlagKind = 'bool' | 'string' | 'strings' | 'int';

export interface FlagDef {
  readonly long: string;
  readonly short?: string;
  readonly kind: FlagKind;
  readonly default?: string;
  readonly help?: string;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  /** What followed `--`. */
  readonly afterDash: readonly string[];
  readonly dashSeen: boolean;
  readonly given: ReadonlySet<string>;
  str(long: string): string;
  bool(long: string): boolean;
  strs(long: string): readonly string[];
  int(long: string): number;
}

export function parseArgs(defs: readonly FlagDef[], argv: readonly string[]): ParsedArgs {
  const byLong = new Map(defs.map((d) => [d.long, d]));
  const byShort = new Map(defs.filter((d) => d.short !== undefined).map((d) => [d.short!, d]));
  const values = new Map<string, string[]>();
  const given = new Set<string>();
  const positionals: string[] = [];
  let afterDash: string[] = [];
  let dashSeen = false;
  const set = (d: FlagDef, v: string): void => {
    given.add(d.long);
    if (d.kind === 'bool' && v !== 'true' && v !== 'false') {
      throw new UsageError(`invalid argument "${v}" for "--${d.long}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`);
    }
    if (d.kind === 'int' && !/^-?\d+$/.test(v)) {
      throw new UsageError(`invalid argument "${v}" for "--${d.long}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`);
    }
    const list = d.kind === 'strings' ? (values.get(d.long) ?? []) : [];
    list.push(...(d.kind === 'strings' ? v.split(',').filter((x) => x !== '') : [v]));
    values.set(d.long, list);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = (d: FlagDef, shown: string): string => {
      const v = argv[i + 1];
      if (v === undefined) throw new UsageError(`flag needs an argument: ${shown}`);
      i++;
      return v;
    };
    if (arg === '--') { dashSeen = true; afterDash = argv.slice(i + 1); break; }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      const d = byLong.get(name);
      if (d === undefined) throw new UsageError(`unknown flag: --${name}`);
      if (eq !== -1) set(d, arg.slice(eq + 1));
      else set(d, d.kind === 'bool' ? 'true' : next(d, `--${name}`));
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // -abc: booleans grouped; the first flag that takes a value eats the rest (or the next arg).
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j]!;
        const d = byShort.get(c);
        if (d === undefined) throw new UsageError(`unknown shorthand flag: '${c}' in ${arg}`);
        if (d.kind === 'bool') {
          if (arg[j + 1] === '=') { set(d, arg.slice(j + 2)); break; }
          set(d, 'true');
          continue;
        }
        const rest = arg.slice(j + 1);
        set(d, rest === '' ? next(d, `'${c}' in -${c}`) : rest.startsWith('=') ? rest.slice(1) : rest);
        break;
      }
      continue;
    }
    positionals.push(arg);
  }
  const def = (long: string): FlagDef => {
    const d = byLong.get(long);
    if (d === undefined) throw new Error(`flag --${long} is not defined for this command`);
    return d;
  };
  return {
    positionals, afterDash, dashSeen, given,
    str: (long) => values.get(long)?.at(-1) ?? def(long).default ?? '',
    bool: (long) => (values.get(long)?.at(-1) ?? def(long).default ?? 'false') === 'true',
    strs: (long) => values.get(long) ?? (def(long).default !== undefined && def(long).default !== '' ? [def(long).default!] : []),
    int: (long) => Number(values.get(long)?.at(-1) ?? def(long).default ?? '0'),
  };
}

/** The flags every verb takes (kubectl's global flags). */
export const globalFlags: readonly FlagDef[] = [
  { long: 'kubeconfig', kind: 'string', help: 'path to the kubeconfig file' },
  { long: 'context', kind: 'string', help: 'the kubeconfig context to use' },
  { long: 'cluster', kind: 'string', help: 'the kubeconfig cluster to use' },
  { long: 'user', kind: 'string', help: 'the kubeconfig user to use' },
  { long: 'namespace', short: 'n', kind: 'string', help: 'the namespace scope for this request' },
  { long: 'server', short: 's', kind: 'string', help: 'the address and port of the API server' },
  { long: 'token', kind: 'string', help: 'bearer token for authentication to the API server' },
  { long: 'insecure-skip-tls-verify', kind: 'bool', help: 'do not check the server certificate' },
  { long: 'request-timeout', kind: 'string', default: '0', help: 'time to wait for one request (0: no limit)' },
  { long: 'v', short: 'v', kind: 'string', help: 'log level (accepted, ignored)' },
  { long: 'help', short: 'h', kind: 'bool', help: 'help for this command' },
];

/** kubectl durations: "30s", "5m", "1h30m", "2h"; a bare number is seconds. */
export function parseDuration(s: string, flag: string): number {
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = re.exec(s)) !== null) {
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
    at = re.lastIndex;
  }
  if (at !== s.length || s === '') throw new UsageError(`invalid argument "${s}" for "--${flag}" flag: time: invalid duration "${s}"`);
  return total;
}
