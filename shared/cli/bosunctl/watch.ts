// A watch stream as {type, object} events (the object left as JSON for the caller to read);
// an in-stream ERROR ends it with its Status as the error.
import { isRecord } from '../../api/meta.js';
import { statusErrorFromStatus } from '../../client/status-error.js';
import type { ApiRequest } from './api.js';
import type { Cli } from './context.js';
import { CliError } from './errors.js';

export interface RawEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  readonly object: unknown;
}

export async function* watchLines(cli: Cli, req: ApiRequest): AsyncGenerator<RawEvent> {
  const signal = req.signal ?? cli.io.signal;
  let res;
  try {
    res = await cli.api.stream({ ...req, signal });
  } catch (err) {
    if (signal.aborted) return;
    throw err;
  }
  let pending = '';
  try {
    for await (const chunk of res) {
      pending += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        if (line !== '') yield frame(line);
      }
    }
    if (pending.trim() !== '') yield frame(pending.trim());
  } catch (err) {
    if (signal.aborted) return;
    throw err;
  } finally {
    res.destroy();
  }
}

function frame(line: string): RawEvent {
  let f: unknown;
  try { f = JSON.parse(line); } catch { throw new CliError(`the watch sent a line that is not JSON: ${line.slice(0, 200)}`); }
  if (!isRecord(f)) throw new CliError('the watch sent a frame that is not an object');
  if (f['type'] === 'ERROR') throw statusErrorFromStatus(f['object']) ?? new CliError('the watch ended with an error');
  if (f['type'] === 'ADDED' || f['type'] === 'MODIFIED' || f['type'] === 'DELETED' || f['type'] === 'BOOKMARK') return { type: f['type'], object: f['object'] };
  throw new CliError(`the watch sent an event of unknown type ${JSON.stringify(f['type'])}`);
}
