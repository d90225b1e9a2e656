// SPDY/3 header compression: one zlib stream per direction for the whole connection, primed
// with the SPDY dictionary; every header block ends with a sync flush so the peer can inflate
// it at once. zlib here is asynchronous, so blocks are processed strictly one after another.
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';
import { spdyDictionary } from './dictionary.js';
import { SpdyProtocolError } from './frames.js';

type Zlib = Deflate | Inflate;

/** Runs `input` through a long-lived zlib stream and returns what one sync flush yields. */
function processBlock(z: Zlib, input: Buffer): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onData = (c: Buffer): void => { chunks.push(c); };
    const onError = (err: Error): void => { cleanup(); reject(new SpdyProtocolError(`header block: ${err.message}`, { cause: err })); };
    const cleanup = (): void => { z.off('data', onData); z.off('error', onError); };
    z.on('data', onData);
    z.once('error', onError);
    if (input.length > 0) z.write(input);
    z.flush(constants.Z_SYNC_FLUSH, () => {
      // Output of the flush is pushed before this callback; a turn later it has been emitted.
      setImmediate(() => { cleanup(); resolve(Buffer.concat(chunks)); });
    });
  });
}

class Serial {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

export class HeaderCompressor {
  private readonly z = createDeflate({ dictionary: spdyDictionary, level: constants.Z_DEFAULT_COMPRESSION });
  private readonly serial = new Serial();
  compress(block: Buffer): Promise<Buffer> { return this.serial.run(() => processBlock(this.z, block)); }
  close(): void { this.z.close(); }
}

export class HeaderDecompressor {
  private readonly z = createInflate({ dictionary: spdyDictionary });
  private readonly serial = new Serial();
  decompress(block: Buffer): Promise<Buffer> { return this.serial.run(() => processBlock(this.z, block)); }
  close(): void { this.z.close(); }
}
