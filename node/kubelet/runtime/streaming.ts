// What the kubelet server needs of a runtime beyond running pods: container logs, exec and
// attach sessions with live streams, and resource usage. docker-runtime.ts implements it.
import type { Readable, Writable } from 'node:stream';

export interface LogOptions {
  readonly follow: boolean;
  /** Only the last n lines. */
  readonly tailLines?: number;
  /** Only lines written at or after this time. */
  readonly since?: Date;
  /** Each line prefixed with its RFC 3339 time with nanoseconds and a space. */
  readonly timestamps: boolean;
}

export interface StreamOptions {
  readonly stdin: boolean;
  readonly stdout: boolean;
  readonly stderr: boolean;
  readonly tty: boolean;
}

export interface ExecOptions extends StreamOptions {
  readonly command: readonly string[];
}

export interface TerminalSize { readonly width: number; readonly height: number }

/** A running exec or attach: its standard streams, terminal size, and its end. */
export interface StreamSession {
  /** end() closes the process's stdin. Absent unless asked for. */
  readonly stdin?: Writable;
  /** With a TTY everything the process writes arrives here. */
  readonly stdout: Readable;
  readonly stderr: Readable;
  resize(size: TerminalSize): Promise<void>;
  /** Resolves when the output has ended: the exit code of an exec, undefined for attach. */
  readonly done: Promise<number | undefined>;
  /** Stops streaming (the process of an exec is left to finish on its own). */
  close(): void;
}

export interface ContainerUsage {
  readonly time: Date;
  /** Cumulative CPU time used, nanoseconds. */
  readonly cpuUsageNanoSeconds: number;
  readonly memoryUsageBytes: number;
  /** Usage less inactive file cache, as the kubelet reports it. */
  readonly memoryWorkingSetBytes: number;
}

export interface StreamingRuntime {
  /** The container's log bytes, stdout and stderr in the order written. */
  logs(id: string, opts: LogOptions, signal: AbortSignal): Promise<Readable>;
  execSession(id: string, opts: ExecOptions, signal: AbortSignal): Promise<StreamSession>;
  attach(id: string, opts: StreamOptions, signal: AbortSignal): Promise<StreamSession>;
  usage(id: string, signal: AbortSignal): Promise<ContainerUsage>;
}
