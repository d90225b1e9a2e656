// A watch body as typed events: newline-delimited {"type","object"} frames. An in-stream ERROR
// frame ends the stream with its Status as a StatusError; a BOOKMARK keeps only its version.
import type { Readable } from 'node:stream';
import { StatusError } from '../api/errors.js';
import { isRecord, type ApiObject } from '../api/meta.js';
import { statusErrorFromStatus } from './status-error.js';

export type TypedWatchEvent<T extends ApiObject> =
  | { readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'; readonly object: T }
  | { readonly type: 'BOOKMARK'; readonly resourceVersion: string };

/** Reads `body` frame by frame; `decode` checks each object (it throws on a bad one). */
export async function* watchEvents<T extends ApiObject>(
  body: AsyncIterable<Buffer | string> | Readable, decode: (u: unknown) => T,
): AsyncGenerator<TypedWatchEvent<T>> {
  let pending = '';
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      const line = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      if (line !== '') yield decodeFrame(line, decode);
      nl = pending.indexOf('\n');
    }
  }
  if (pending.trim() !== '') yield decodeFrame(pending.trim(), decode);
}

function decodeFrame<T extends ApiObject>(line: string, decode: (u: unknown) => T): TypedWatchEvent<T> {
  let frame: unknown;
  try {
    frame = JSON.parse(line);
  } catch (err) {
    throw badFrame(`the watch sent a line that is not JSON: ${line.slice(0, 200)}`, err);
  }
  if (!isRecord(frame)) throw badFrame(`the watch sent a frame that is not an object: ${line.slice(0, 200)}`);
  const { type, object } = frame;
  switch (type) {
    case 'ADDED': case 'MODIFIED': case 'DELETED':
      return { type, object: decode(object) };
    case 'BOOKMARK': {
      const meta = isRecord(object) ? object['metadata'] : undefined;
      const rv = isRecord(meta) ? meta['resourceVersion'] : undefined;
      if (typeof rv !== 'string' || rv === '') throw badFrame('the watch sent a BOOKMARK without a resourceVersion');
      return { type, resourceVersion: rv };
    }
    case 'ERROR':
      throw statusErrorFromStatus(object) ?? badFrame(`the watch sent an ERROR that is not a Status: ${line.slice(0, 200)}`);
    default:
      throw badFrame(`the watch sent an event of unknown type ${JSON.stringify(type)}`);
  }
}

const badFrame = (message: string, cause?: unknown): StatusError =>
  new StatusError(500, 'InternalError', message, {}, cause !== undefined ? { cause } : undefined);
