// Joining a node (until the security work brings bootstrap tokens and node certificates): a
// node presents the join token from install-master.sh and gets back a kubeconfig for this
// apiserver. The token is read from --join-token-file on every request (so it can be rotated)
// and compared in constant time; without the file, joining is off.
import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError } from '../../shared/api/errors.js';
import { writeJson } from './http/respond.js';

export const joinPath = '/bosun/v1/join';
const maxBody = 4096;

export interface JoinRequest {
  readonly token: string;
  readonly nodeName: string;
}

function parseJoin(body: string): JoinRequest {
  let u: unknown;
  try { u = JSON.parse(body); } catch { throw new StatusError(400, 'BadRequest', 'the join request is not JSON: send {"token": "...", "nodeName": "..."}'); }
  const o = u as { token?: unknown; nodeName?: unknown } | null;
  if (o === null || typeof o !== 'object' || typeof o.token !== 'string' || o.token === '') throw new StatusError(400, 'BadRequest', 'the join request needs a "token" string');
  if (typeof o.nodeName !== 'string' || !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(o.nodeName)) throw new StatusError(400, 'BadRequest', 'the join request needs a "nodeName" that is a DNS subdomain (lower case letters, digits, "-" and ".")');
  return { token: o.token, nodeName: o.nodeName };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req as AsyncIterable<Buffer>) {
    body += chunk.toString();
    if (body.length > maxBody) throw new StatusError(413, 'RequestEntityTooLarge', `a join request is at most ${maxBody} bytes`);
  }
  return body;
}

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export async function handleJoin(req: IncomingMessage, res: ServerResponse, tokenFile: string): Promise<string> {
  if (req.method !== 'POST') throw new StatusError(405, 'MethodNotAllowed', `${req.method ?? ''} is not allowed on ${joinPath}: POST a join request`);
  if (tokenFile === '') throw new StatusError(404, 'NotFound', 'joining is off: this apiserver has no --join-token-file');
  const want = (await readFile(tokenFile, 'utf8').catch(() => { throw new StatusError(503, 'ServiceUnavailable', `joining is off: cannot read the join token file ${tokenFile}`); })).trim();
  if (want === '') throw new StatusError(503, 'ServiceUnavailable', `joining is off: the join token file ${tokenFile} is empty`);
  const j = parseJoin(await readBody(req));
  if (!sameToken(j.token, want)) throw new StatusError(401, 'Unauthorized', 'the join token is not valid');
  const server = `http://${req.headers.host ?? ''}`;
  writeJson(res, 200, {
    nodeName: j.nodeName,
    kubeconfig: [
      'apiVersion: v1', 'kind: Config', 'clusters:', '- name: bosun', '  cluster:', `    server: ${server}`,
      'users:', `- name: node-${j.nodeName}`, '  user: {}', 'contexts:', '- name: bosun', '  context:', '    cluster: bosun',
      `    user: node-${j.nodeName}`, 'current-context: bosun', '',
    ].join('\n'),
  });
  return j.nodeName;
}
