// The channel protocol of exec and attach over WebSocket (v4.channel.k8s.io and
// v5.channel.k8s.io): binary messages whose first byte is the channel. 0 stdin, 1 stdout,
// 2 stderr, 3 the final Status, 4 terminal resizes; in v5, 255 closes a channel (`ff 00` =
// stdin reached EOF).
import type { TerminalSize } from '../../runtime/streaming.js';

export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

export const wsProtocolV5 = 'v5.channel.k8s.io';
export const wsProtocolV4 = 'v4.channel.k8s.io';
export const wsProtocols: readonly string[] = [wsProtocolV5, wsProtocolV4];

export type ClientMessage =
  | { readonly kind: 'stdin'; readonly data: Buffer }
  | { readonly kind: 'resize'; readonly sizes: readonly TerminalSize[] }
  | { readonly kind: 'close'; readonly channel: number }
  | { readonly kind: 'ignored'; readonly channel: number };

export function encodeChannel(channel: number, data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data) : data;
  return Buffer.concat([Buffer.from([channel]), body]);
}

/** One binary message from the client; `v5` enables the close channel. */
export function decodeClientMessage(msg: Buffer, v5: boolean): ClientMessage | undefined {
  if (msg.length === 0) return undefined;
  const channel = msg[0]!;
  const data = msg.subarray(1);
  if (channel === Channel.stdin) return { kind: 'stdin', data };
  if (channel === Channel.resize) return { kind: 'resize', sizes: new ResizeDecoder().push(data) };
  if (channel === Channel.close && v5 && data.length > 0) return { kind: 'close', channel: data[0]! };
  return { kind: 'ignored', channel };
}

/**
 * Terminal sizes as the client sends them: JSON objects `{"Width":100,"Height":30}` one after
 * another (SPDY's resize stream is one long JSON stream; a WebSocket message holds one).
 */
export class ResizeDecoder {
  private pending = '';

  push(chunk: Buffer | string): TerminalSize[] {
    this.pending += chunk.toString();
    const out: TerminalSize[] = [];
    for (;;) {
      const start = this.pending.indexOf('{');
      if (start < 0) { this.pending = ''; return out; }
      const end = this.pending.indexOf('}', start);
      if (end < 0) { this.pending = this.pending.slice(start); return out; }
      const text = this.pending.slice(start, end + 1);
      this.pending = this.pending.slice(end + 1);
      try {
        const v = JSON.parse(text) as { Width?: unknown; Height?: unknown };
        if (typeof v.Width === 'number' && typeof v.Height === 'number' && v.Width > 0 && v.Height > 0) {
          out.push({ width: v.Width, height: v.Height });
        }
      } catch { /* a malformed size is skipped, as the next one will correct it */ }
    }
  }
}
