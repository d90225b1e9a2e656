// Timestamps as Kubernetes writes them.

/** RFC 3339 with second precision: metav1.Time. */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 3339 with microseconds: metav1.MicroTime. */
export function rfc3339Micro(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
