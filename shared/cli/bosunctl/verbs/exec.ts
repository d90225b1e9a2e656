// bosunctl exec [-i] [-t] POD|TYPE/NAME [-c C] -- COMMAND [args…]: the pods/exec subresource
// over a WebSocket speaking v5.channel.k8s.io (binary frames; the first byte is the channel:
// 0 stdin, 1 stdout, 2 stderr, 3 the final Status, 4 terminal size, 255 close). Exits with the
// command's exit code, as kubectl does.
import type { WebSocket } from 'ws';
import { isRecord } from '../../../api/meta.js';
import type { FlagDef } from '../args.js';
import type { Cli } from '../context.js';
import { pathOf } from '../discovery.js';
import { CliError } from '../errors.js';
import { containerFor, podFor } from './pod-target.js';

export const execFlags: readonly FlagDef[] = [
  { long: 'stdin', short: 'i', kind: 'bool' },
  { long: 'tty', short: 't', kind: 'bool' },
  { long: 'container', short: 'c', kind: 'string' },
  { long: 'quiet', short: 'q', kind: 'bool' },
];

export type ExecOutcome = { readonly t: 'success' } | { readonly t: 'exit'; readonly code: number } | { readonly t: 'failure'; readonly message: string };

/** The command's outcome from the Status on channel 3 (kubectl's rules). */
export function outcomeOf(status: unknown): ExecOutcome {
  if (!isRecord(status)) return { t: 'failure', message: 'error stream protocol error: unknown error' };
  if (status['status'] === 'Success') return { t: 'success' };
  if (status['status'] !== 'Failure') return { t: 'failure', message: 'unknown error' };
  if (status['reason'] === 'NonZeroExitCode') {
    const causes = isRecord(status['details']) && Array.isArray(status['details']['causes']) ? status['details']['causes'].filter(isRecord) : [];
    const c = causes.find((x) => x['reason'] === 'ExitCode');
    const code = c !== undefined ? Number(c['message']) : NaN;
    if (Number.isInteger(code) && code >= 0 && code <= 255) return { t: 'exit', code };
    return { t: 'failure', message: `error stream protocol error: invalid exit code value ${JSON.stringify(c?.['message'] ?? '')}` };
  }
  return { t: 'failure', message: typeof status['message'] === 'string' ? status['message'] : 'unknown error' };
}

export async function exec(cli: Cli): Promise<number> {
  const a = cli.args;
  const [target] = a.positionals;
  const command = a.dashSeen ? a.afterDash : a.positionals.slice(1);
  if (target === undefined || command.length === 0) throw new CliError('you must specify at least one command for the container');
  const pod = await podFor(cli, target);
  const phase = isRecord(pod['status']) ? pod['status']['phase'] : undefined;
  if (phase === 'Succeeded' || phase === 'Failed') throw new CliError(`cannot exec into a container in a completed pod; current phase is ${String(phase)}`);
  const container = containerFor(cli, pod, a.str('container'));
  const pods = (await cli.discovery()).resolve('pods');
  const tty = a.bool('tty') && a.bool('stdin') && process.stdin.isTTY === true;
  if (a.bool('tty') && !tty && !a.bool('quiet')) cli.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  const query = {
    command: [...command], container, stdin: a.bool('stdin') || undefined, stdout: true,
    stderr: tty ? undefined : true, tty: tty || undefined,
  };
  const ws = await cli.api.websocket(pathOf(pods, pod.metadata.namespace ?? cli.namespace, pod.metadata.name ?? '', 'exec'), query, ['v5.channel.k8s.io']);
  return session(cli, ws, a.bool('stdin'), tty);
}

function session(cli: Cli, ws: WebSocket, stdin: boolean, tty: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    let outcome: ExecOutcome = { t: 'success' };
    const send = (channel: number, data: Buffer | string): void => {
      if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), typeof data === 'string' ? Buffer.from(data) : data]));
    };
    const resize = (): void => send(4, `${JSON.stringify({ Width: process.stdout.columns ?? 80, Height: process.stdout.rows ?? 24 })}\n`);
    const onData = (d: Buffer): void => send(0, d);
    const onEnd = (): void => send(255, Buffer.from([0]));
    if (tty) { process.stdin.setRawMode(true); resize(); process.stdout.on('resize', resize); }
    if (stdin) { process.stdin.on('data', onData); process.stdin.once('end', onEnd); process.stdin.resume(); }
    const cleanup = (): void => {
      if (tty) { process.stdin.setRawMode(false); process.stdout.off('resize', resize); }
      if (stdin) { process.stdin.off('data', onData); process.stdin.off('end', onEnd); process.stdin.pause(); }
    };
    cli.io.signal.addEventListener('abort', () => ws.close(1000), { once: true });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary || data.length === 0) return;
      const channel = data[0];
      const body = data.subarray(1);
      if (channel === 1) cli.out(body.toString('utf8'));
      else if (channel === 2) cli.err(body.toString('utf8'));
      else if (channel === 3) {
        try { outcome = outcomeOf(JSON.parse(body.toString('utf8'))); } catch { outcome = { t: 'failure', message: 'error stream protocol error: the Status is not JSON' }; }
      }
    });
    ws.once('close', () => {
      cleanup();
      switch (outcome.t) {
        case 'success': resolve(0); break;
        case 'exit': cli.err(`command terminated with exit code ${outcome.code}\n`); resolve(outcome.code); break;
        case 'failure': reject(new CliError(outcome.message)); break;
      }
    });
    ws.once('error', (err) => { cleanup(); reject(new CliError(err.message)); });
  });
}
