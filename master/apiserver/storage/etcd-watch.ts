// etcd's Watch service as a gRPC stream straight over node:http2, on EtcdKv's connection: one
// stream per watched prefix, events decoded by hand (etcd-watch-proto.ts). The etcd3 client's
// watcher (grpc-js channels, interceptors, protobufjs objects with Long revisions) cost ~8% of
// the apiserver's CPU under a stream of writes. A watch that ends for any reason other than
// cancel() is reported once through onError: the watch cache then lists and watches again.
import { constants, type ClientHttp2Stream } from 'node:http2';
import { grpcFrame } from './etcd-proto.js';
import type { EtcdKv } from './etcd-kv.js';
import { decodeWatchResponse, GrpcFrameReader, watchCreateFields, type WatchCreate, type WatchedEvent } from './etcd-watch-proto.js';

export type { WatchedEvent } from './etcd-watch-proto.js';

export interface EtcdWatchOptions extends WatchCreate {
  readonly kv: EtcdKv;
  /** Each WatchResponse's events, in revision order. */
  readonly onEvents: (events: readonly WatchedEvent[]) => void;
  /** The watch broke or etcd canceled it (e.g. its start revision was compacted). */
  readonly onError: (err: Error) => void;
}

export class EtcdWatch {
  private stream: ClientHttp2Stream | undefined;
  private ended = false;

  constructor(private readonly o: EtcdWatchOptions) {}

  /** Opens the watch; resolves once etcd has created it, rejects if it could not. */
  start(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let created = false;
      const fail = (err: Error): void => {
        if (this.ended) return;
        this.ended = true;
        this.stream?.close(constants.NGHTTP2_CANCEL);
        if (created) this.o.onError(err); else reject(err);
      };
      let stream: ClientHttp2Stream;
      try {
        stream = this.o.kv.openStream('/etcdserverpb.Watch/Watch');
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      this.stream = stream;
      const frames = new GrpcFrameReader();
      let status = '';
      const onStatus = (h: Record<string, unknown>): void => {
        const s = h['grpc-status'];
        if (s !== undefined) status = `gRPC status ${String(s)}: ${decodeURIComponent(String(h['grpc-message'] ?? ''))}`;
      };
      stream.on('response', onStatus);
      stream.on('trailers', onStatus);
      stream.on('data', (chunk: Buffer) => {
        if (this.ended) return;
        try {
          for (const msg of frames.push(chunk)) {
            const res = decodeWatchResponse(msg);
            if (res.canceled) {
              fail(new Error(res.compactRevision > 0
                ? `etcd watch of ${this.o.key.toString()} canceled: revision ${this.o.startRevision} compacted (now ${res.compactRevision})`
                : `etcd watch of ${this.o.key.toString()} canceled: ${res.cancelReason}`));
              return;
            }
            if (res.created && !created) { created = true; resolve(); }
            if (res.events.length > 0) this.o.onEvents(res.events);
          }
        } catch (err) {
          fail(err instanceof Error ? err : new Error(String(err)));
        }
      });
      stream.on('error', (err: Error) => fail(err));
      stream.on('close', () => fail(new Error(`etcd watch of ${this.o.key.toString()} ended${status !== '' ? ` (${status})` : ''}`)));
      stream.write(grpcFrame(watchCreateFields(this.o)));
    });
  }

  /** Stops the watch; onError is not called for it. */
  cancel(): void {
    this.ended = true;
    this.stream?.close(constants.NGHTTP2_CANCEL);
  }
}
