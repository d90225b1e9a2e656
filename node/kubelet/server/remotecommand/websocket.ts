// exec and attach over WebSocket (v5.channel.k8s.io, v4.channel.k8s.io): stdin and resizes
// come in on channels 0 and 4, output goes out on 1 and 2, and when the process ends its
// Status goes out on channel 3 before a normal close.
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { StreamSession } from '../../runtime/streaming.js';
import { Channel, decodeClientMessage, encodeChannel, wsProtocolV5 } from './channels.js';
import { exitStatus, internalErrorStatus, type ExecStatus } from './status.js';

export interface WebSocketStreamsOptions {
  readonly ws: WebSocket;
  readonly command: readonly string[];
  readonly start: () => Promise<StreamSession>;
  readonly log: Logger;
}

export async function serveWebSocketStreams(o: WebSocketStreamsOptions): Promise<void> {
  const { ws, log } = o;
  const v5 = ws.protocol === wsProtocolV5;
  let session: StreamSession | undefined;
  const early: Buffer[] = [];
  let stdinClosed = false;
  let resize: { width: number; height: number } | undefined;
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const msg = decodeClientMessage(isBinary ? data : Buffer.from(data), v5);
    if (msg === undefined) return;
    switch (msg.kind) {
      case 'stdin':
        if (session?.stdin !== undefined) session.stdin.write(msg.data); else early.push(msg.data);
        return;
      case 'resize':
        for (const size of msg.sizes) { resize = size; void session?.resize(size); }
        return;
      case 'close':
        if (msg.channel === Channel.stdin) { stdinClosed = true; session?.stdin?.end(); }
        return;
      case 'ignored': return;
    }
  });
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  const send = (channel: number, data: Buffer | string): void => { if (ws.readyState === ws.OPEN) ws.send(encodeChannel(channel, data)); };
  let status: ExecStatus;
  try {
    session = await o.start();
    const s = session;
    void closed.then(() => s.close());
    for (const b of early.splice(0)) s.stdin?.write(b);
    if (stdinClosed) s.stdin?.end();
    if (resize !== undefined) void s.resize(resize);
    const drained = (r: NodeJS.ReadableStream, channel: number): Promise<void> => new Promise((resolve) => {
      r.on('data', (b: Buffer) => send(channel, b));
      r.once('end', () => resolve());
      r.once('close', () => resolve());
    });
    const [code] = await Promise.all([s.done, drained(s.stdout, Channel.stdout), drained(s.stderr, Channel.stderr)]);
    status = exitStatus(o.command, code);
  } catch (err) {
    log.warn({ err }, 'Stream session failed');
    status = internalErrorStatus(err);
  }
  send(Channel.error, JSON.stringify(status));
  if (ws.readyState === ws.OPEN) ws.close(1000);
  await Promise.race([closed, new Promise((r) => setTimeout(r, 5000).unref())]);
  if (ws.readyState !== ws.CLOSED) ws.terminate();
}
