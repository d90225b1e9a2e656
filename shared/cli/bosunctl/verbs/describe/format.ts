// The building blocks kubectl's describers print with: tab-separated lines (aligned later by
// tabwriter, padding 2), multi-line label/annotation/toleration lists, RFC 1123 times, ages,
// and the Events table at the end.
import { isRecord } from '../../../../api/meta.js';

export type Json = Record<string, unknown>;

export const rec = (v: unknown): Json => (isRecord(v) ? v : {});
export const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isRecord) : []);
export const str = (v: unknown, dflt = ''): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : dflt);
export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** Go's time.RFC1123Z in local time: "Wed, 25 Nov 2026 04:45:35 +0000". */
export function rfc1123z(iso: unknown): string {
  if (typeof iso !== 'string' || iso === '') return '<unset>';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${days[d.getDay()]}, ${two(d.getDate())} ${months[d.getMonth()]} ${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${sign}${two(Math.floor(Math.abs(off) / 60))}${two(Math.abs(off) % 60)}`;
}

/** An unset time as Go prints its zero time (node conditions). */
export const rfc1123zOrZero = (iso: unknown): string => (typeof iso === 'string' && iso !== '' ? rfc1123z(iso) : 'Mon, 01 Jan 0001 00:00:00 +0000');

/** k8s.io/apimachinery duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const d = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8) return d % 365 === 0 ? `${Math.floor(d / 365)}y` : `${Math.floor(d / 365)}y${d % 365}d`;
  return `${Math.floor(d / 365)}y`;
}

export const since = (iso: unknown, now: number): string =>
  typeof iso === 'string' && iso !== '' ? humanDuration(now - new Date(iso).getTime()) : '<unknown>';

/** "Labels:\tk=v" then "\tk2=v2" (kubectl's printLabelsMultiline); `title` may carry indentation. */
export function multiline(title: string, entries: readonly string[]): string[] {
  if (entries.length === 0) return [`${title}:\t<none>`];
  return entries.map((e, i) => (i === 0 ? `${title}:\t${e}` : `\t${e}`));
}

export const labelLines = (title: string, m: unknown): string[] =>
  multiline(title, Object.keys(rec(m)).sort().map((k) => `${k}=${str(rec(m)[k])}`));

const maxAnnotationLen = 140;

/** Annotations as "key: value", without the last-applied configuration (as kubectl). */
export function annotationLines(title: string, m: unknown): string[] {
  const a = rec(m);
  const keys = Object.keys(a).filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration').sort();
  return multiline(title, keys.map((k) => {
    const v = str(a[k]);
    return `${k}: ${v.length > maxAnnotationLen ? `${v.slice(0, maxAnnotationLen - 3)}...` : v}`;
  }));
}

export function tolerationLines(title: string, list: unknown): string[] {
  return multiline(title, arr(list).map((t) => {
    let s = str(t['key']);
    if (str(t['value']) !== '') s += `=${str(t['value'])}`;
    if (str(t['effect']) !== '') s += `:${str(t['effect'])}`;
    if (t['operator'] === 'Exists' && str(t['value']) === '') s += str(t['key']) !== '' || str(t['effect']) !== '' ? ' op=Exists' : 'op=Exists';
    if (typeof t['tolerationSeconds'] === 'number') s += ` for ${t['tolerationSeconds']}s`;
    return s;
  }));
}

export const mapSelector = (m: unknown): string => {
  const keys = Object.keys(rec(m)).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${str(rec(m)[k])}`).join(',');
};

/** The Events section (kubectl's DescribeEvents). */
export function eventLines(events: readonly Json[] | undefined, now: number): string[] {
  if (events === undefined) return [];
  if (events.length === 0) return ['Events:\t<none>'];
  const when = (e: Json): number => new Date(str(e['lastTimestamp']) || str(e['eventTime']) || str(e['firstTimestamp']) || 0).getTime();
  const sorted = [...events].sort((a, b) => when(a) - when(b));
  const lines = ['Events:', '  Type\tReason\tAge\tFrom\tMessage', '  ----\t------\t----\t----\t-------'];
  for (const e of sorted) {
    const first = str(e['firstTimestamp']) || str(e['eventTime']);
    const last = str(e['lastTimestamp']) || first;
    const count = num(e['count']);
    const age = count > 1 ? `${since(last, now)} (x${count} over ${since(first, now)})` : since(first, now);
    const from = str(rec(e['source'])['component']) || str(e['reportingComponent']) || str(e['reportingController']);
    lines.push(`  ${str(e['type'])}\t${str(e['reason'])}\t${age}\t${from}\t${str(e['message']).trim()}`);
  }
  return lines;
}
