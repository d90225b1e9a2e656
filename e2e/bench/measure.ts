// What the benchmarks share: a keep-alive JSON POST, a fixed-concurrency pool, and the CPU,
// memory and percentile figures they print (from /proc).
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

/** The keep-alive agent every benchmark request goes through. */
export const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs a JSON body; resolves with the status code. */
export function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs work(0) … work(n-1), `concurrency` at a time. */
export async function pool(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) { const i = next++; await work(i); }
  }));
}

/** Resident memory of a process, in bytes. */
export function rssOf(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuOf(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

/** From now on: a line "name seconds, …" of the CPU each process used since. */
export function cpuSnapshot(pids: Record<string, number>, digits = 2): () => string {
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuOf(pid)]));
  return () => Object.entries(pids).map(([k, pid]) => `${k} ${(cpuOf(pid) - before[k]!).toFixed(digits)}`).join(', ');
}

/** The p-th percentile of sorted values. */
export function pct(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
