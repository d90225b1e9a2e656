// pods/log: checks the pod and container, then streams the kubelet's
// /containerLogs/{namespace}/{pod}/{container} answer through, chunk by chunk (follow keeps
// it open). A kubelet refusal (container waiting, no previous run …) becomes a Status with
// the kubelet's text as its message: `Error from server (BadRequest): container "x" in pod …`.
import { request } from 'node:http';
import { StatusError } from '../../../shared/api/errors.js';
import type { Call, Handlers } from './context.js';
import { getPod, kubeletOf, validContainer } from './pod-location.js';

const passed = ['follow', 'previous', 'timestamps', 'tailLines', 'limitBytes', 'sinceSeconds', 'sinceTime'];

function kubeletError(code: number, text: string): StatusError {
  const message = text.trim() === '' ? `the kubelet answered ${code}` : text.trim();
  switch (code) {
    case 400: return new StatusError(400, 'BadRequest', message);
    case 403: return new StatusError(403, 'Forbidden', message);
    case 404: return new StatusError(404, 'NotFound', message);
    default: return new StatusError(500, 'InternalError', `an error on the server (${JSON.stringify(message)}) has prevented the request from succeeding`);
  }
}

export async function handlePodLog(h: Handlers, call: Call): Promise<void> {
  if (call.ri.verb !== 'get') throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const pod = await getPod(h, call.ri.namespace, call.ri.name);
  const container = validContainer(pod, call.query.get('container') ?? '');
  const kubelet = await kubeletOf(h, pod);
  if (kubelet === undefined) {                        // not scheduled yet: no logs, as Kubernetes answers
    call.res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 0 }).end();
    return;
  }
  const q = new URLSearchParams();
  for (const k of passed) for (const v of call.query.getAll(k)) q.append(k, v);
  const path = `/containerLogs/${encodeURIComponent(call.ri.namespace)}/${encodeURIComponent(call.ri.name)}/${encodeURIComponent(container)}`;
  const ctl = new AbortController();
  call.res.once('close', () => ctl.abort());
  await new Promise<void>((resolve, reject) => {
    const up = request({ host: kubelet.host, port: kubelet.port, path: `${path}${q.size > 0 ? `?${q}` : ''}`, method: 'GET', signal: ctl.signal }, (res) => {
      const code = res.statusCode ?? 500;
      if (code < 200 || code > 299) {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => { if (text.length < 64 * 1024) text += c; });
        res.once('end', () => reject(kubeletError(code, text)));
        res.once('error', reject);
        return;
      }
      call.res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache' });
      call.res.flushHeaders();
      res.on('data', (c: Buffer) => call.res.write(c));
      const done = (): void => { call.res.end(); resolve(); };
      res.once('end', done);
      res.once('error', done);
      res.once('aborted', done);
    });
    up.once('error', (err) => {
      if (call.res.headersSent) { call.res.end(); resolve(); return; }
      reject(new StatusError(500, 'InternalError', `Get "http://${kubelet.host}:${kubelet.port}${path}": ${err.message}`));
    });
    up.end();
  });
}
