// Timestamps as Kubernetes writes them.

let lastSecond = NaN;
let lastText = '';

/** RFC 3339 with second precision: metav1.Time. */
export function rfc3339(d: Date): string {
  // Many writes share a second: format each second once.
  const second = Math.floor(d.getTime() / 1000);
  if (second !== lastSecond) {
    lastText = d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    lastSecond = second;
  }
  return lastText;
}

/** RFC 3339 with microseconds: metav1.MicroTime. */
export function rfc3339Micro(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
