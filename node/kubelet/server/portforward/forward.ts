// port-forward over a SPDY session (portforward.k8s.io; the same whether the session came
// from an HTTP upgrade or rides in a WebSocket): each forwarded connection is a pair of
// streams with one requestID, an error stream and a data stream, both naming the port. Once
// both are open the kubelet dials the pod's IP and port (pod IPs are local to the node) and
// copies bytes both ways; a dial failure is written on the error stream.
import { connect } from 'node:net';
import type { Logger } from 'pino';
import type { SpdySession, SpdyStream } from '../../../../shared/spdy/session.js';

export const portForwardProtocol = 'portforward.k8s.io';

export interface PortForwardTarget {
  readonly podName: string;
  readonly podUid: string;
  /** The pod's address, looked up when a connection starts (the pod may have restarted). */
  readonly podIP: () => Promise<string | undefined>;
}

interface Pair { error?: SpdyStream; data?: SpdyStream; started: boolean }

export function servePortForward(session: SpdySession, target: PortForwardTarget, log: Logger): Promise<void> {
  const pairs = new Map<string, Pair>();
  session.on('stream', (s) => {
    const type = s.header('streamType');
    const id = s.header('requestID');
    if (type !== 'error' && type !== 'data') { s.destroy(); return; }
    const pair = pairs.get(id) ?? { started: false };
    pairs.set(id, pair);
    if (type === 'error') { pair.error = s; s.resume(); } else pair.data = s;
    if (pair.error !== undefined && pair.data !== undefined && !pair.started) {
      pair.started = true;
      void forward(pair.error, pair.data, target, log).finally(() => pairs.delete(id));
    }
  });
  return new Promise((resolve) => session.once('close', () => resolve()));
}

async function forward(errorStream: SpdyStream, data: SpdyStream, target: PortForwardTarget, log: Logger): Promise<void> {
  const portText = data.header('port');
  const port = Number(portText);
  const fail = (message: string): void => {
    const text = `error forwarding port ${portText} to pod ${target.podName}, uid ${target.podUid}: ${message}`;
    log.info({ pod: target.podName, port: portText, err: message }, 'Port forward failed');
    if (!errorStream.destroyed) errorStream.end(text);
    if (!data.destroyed) data.end();
  };
  if (!Number.isInteger(port) || port < 1 || port > 65535) { fail(`invalid port ${JSON.stringify(portText)}`); return; }
  const ip = await target.podIP().catch(() => undefined);
  if (ip === undefined) { fail('the pod has no running sandbox'); return; }
  await new Promise<void>((resolve) => {
    const sock = connect({ host: ip, port });
    let connected = false;
    sock.once('connect', () => {
      connected = true;
      data.on('data', (b: Buffer) => { if (!sock.destroyed) sock.write(b); });
      data.once('end', () => { if (!sock.destroyed) sock.end(); });
      sock.on('data', (b: Buffer) => { if (!data.destroyed) data.write(b); });
    });
    sock.once('error', (err) => { if (!connected) fail(err.message); else sock.destroy(); });
    sock.once('close', () => {
      if (connected) {
        if (!data.destroyed && !data.writableEnded) data.end();
        if (!errorStream.destroyed && !errorStream.writableEnded) errorStream.end();
      }
      resolve();
    });
    data.once('close', () => { if (!sock.destroyed) sock.destroy(); });
  });
}
