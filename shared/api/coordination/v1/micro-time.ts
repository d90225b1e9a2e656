// metav1.MicroTime on the wire: Kubernetes parses it with the layout
// "2006-01-02T15:04:05.000000Z07:00" (exactly six fraction digits) and writes it back in UTC.

const layout = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{6})(Z|([+-])(\d{2}):(\d{2}))$/;

/** The UTC form Kubernetes would write back, or undefined when Kubernetes would not parse it. */
export function canonicalMicroTime(s: string): string | undefined {
  const m = layout.exec(s);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as
    [number, number, number, number, number, number];
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute, second, 0);
  const exact = at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 &&
    at.getUTCDate() === day && at.getUTCHours() === hour && at.getUTCMinutes() === minute &&
    at.getUTCSeconds() === second;
  if (!exact) return undefined;                                // e.g. February 30th, 24:00
  const offsetMinutes = m[8] === 'Z' ? 0 :
    (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const utc = new Date(at.getTime() - offsetMinutes * 60_000);
  return `${utc.toISOString().slice(0, 19)}.${m[7] ?? '000000'}Z`;
}
