// exec and attach over SPDY/3.1 (v4/v5.channel.k8s.io, what kubectl 1.27–1.29 speak and the
// fallback of later ones): the client opens one stream per channel, marked by its streamType
// header; once all it asked for are open the session starts. The final Status is written
// on the error stream, then every stream is closed and the connection ends.
import type { Logger } from 'pino';
import type { ExecOptions, StreamSession } from '../../runtime/streaming.js';
import type { SpdySession, SpdyStream } from '../../../../shared/spdy/session.js';
import { ResizeDecoder } from './channels.js';
import { exitStatus, internalErrorStatus, type ExecStatus } from './status.js';

export const spdyRemoteCommandProtocols: readonly string[] = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

type StreamType = 'error' | 'stdin' | 'stdout' | 'stderr' | 'resize';

export interface SpdyStreamsOptions {
  readonly session: SpdySession;
  readonly opts: ExecOptions;
  readonly start: () => Promise<StreamSession>;
  readonly log: Logger;
  readonly timeoutMs?: number;
}

function expected(opts: ExecOptions): StreamType[] {
  const want: StreamType[] = ['error'];
  if (opts.stdin) want.push('stdin');
  if (opts.stdout) want.push('stdout');
  if (opts.stderr) want.push('stderr');
  if (opts.tty) want.push('resize');
  return want;
}

function gather(session: SpdySession, want: readonly StreamType[], timeoutMs: number): Promise<Map<StreamType, SpdyStream>> {
  return new Promise((resolve, reject) => {
    const got = new Map<StreamType, SpdyStream>();
    const timer = setTimeout(() => { cleanup(); reject(new Error(`timed out waiting for client streams (have ${[...got.keys()].join(', ')})`)); }, timeoutMs);
    const onStream = (s: SpdyStream): void => {
      const t = s.header('streamType') as StreamType;
      if (!want.includes(t)) { s.destroy(); return; }
      got.set(t, s);
      if (want.every((w) => got.has(w))) { cleanup(); resolve(got); }
    };
    const onClose = (): void => { cleanup(); reject(new Error('the connection closed before the client opened its streams')); };
    const cleanup = (): void => { clearTimeout(timer); session.off('stream', onStream); session.off('close', onClose); };
    session.on('stream', onStream);
    session.on('close', onClose);
  });
}

const pipeTo = (from: NodeJS.ReadableStream, to: SpdyStream | undefined): Promise<void> => new Promise((resolve) => {
  if (to === undefined) { from.on('data', () => {}); from.once('end', () => resolve()); from.once('close', () => resolve()); return; }
  from.on('data', (b: Buffer) => { if (!to.destroyed) to.write(b); });
  const done = (): void => { if (!to.destroyed && !to.writableEnded) to.end(() => resolve()); else resolve(); };
  from.once('end', done);
  from.once('close', done);
});

export async function serveSpdyStreams(o: SpdyStreamsOptions): Promise<void> {
  const { session, log } = o;
  let streams: Map<StreamType, SpdyStream>;
  try {
    streams = await gather(session, expected(o.opts), o.timeoutMs ?? 30_000);
  } catch (err) {
    log.warn({ err }, 'SPDY stream setup failed');
    await session.close();
    return;
  }
  const errorStream = streams.get('error')!;
  let status: ExecStatus;
  try {
    const s = await o.start();
    session.once('close', () => s.close());
    const stdin = streams.get('stdin');
    if (stdin !== undefined && s.stdin !== undefined) {
      const sink = s.stdin;
      stdin.on('data', (b: Buffer) => sink.write(b));
      stdin.once('end', () => sink.end());
    }
    const resize = streams.get('resize');
    if (resize !== undefined) {
      const decoder = new ResizeDecoder();
      resize.on('data', (b: Buffer) => { for (const size of decoder.push(b)) void s.resize(size); });
    }
    const [code] = await Promise.all([s.done, pipeTo(s.stdout, streams.get('stdout')), pipeTo(s.stderr, streams.get('stderr'))]);
    status = exitStatus(o.opts.command, code);
  } catch (err) {
    log.warn({ err }, 'Stream session failed');
    status = internalErrorStatus(err);
  }
  if (!errorStream.destroyed) await new Promise<void>((resolve) => errorStream.end(JSON.stringify(status), () => resolve()));
  await session.close();
}
