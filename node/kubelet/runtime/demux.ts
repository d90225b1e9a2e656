// Docker's multiplexed stream (containers without a TTY): frames of an 8-byte header — the
// stream (0 stdin, 1 stdout, 2 stderr), three zero bytes, a big-endian 32-bit length — and
// that many bytes of payload.

export interface DemuxedChunk {
  readonly stream: 'stdout' | 'stderr';
  readonly data: Buffer;
}

export class DockerDemuxer {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): DemuxedChunk[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: DemuxedChunk[] = [];
    let at = 0;
    while (this.pending.length - at >= 8) {
      const size = this.pending.readUInt32BE(at + 4);
      if (this.pending.length - at < 8 + size) break;
      const kind = this.pending[at]!;
      const data = Buffer.from(this.pending.subarray(at + 8, at + 8 + size));
      if (size > 0) out.push({ stream: kind === 2 ? 'stderr' : 'stdout', data });
      at += 8 + size;
    }
    this.pending = this.pending.subarray(at);
    return out;
  }
}

/** One frame as Docker writes it (tests and fakes). */
export function dockerFrame(stream: 'stdout' | 'stderr', data: Buffer | string): Buffer {
  const body = Buffer.isBuffer(data) ? data : Buffer.from(data);
  const head = Buffer.alloc(8);
  head[0] = stream === 'stderr' ? 2 : 1;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}
