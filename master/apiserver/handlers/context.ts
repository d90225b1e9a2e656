// What the resource handlers share.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceType } from '../../../shared/api/resource.js';
import type { Codec } from '../codec.js';
import type { Registry, Target } from '../registry/context.js';
import type { ResourceRequest } from '../http/request-info.js';
import type { ResponseForm } from '../http/negotiate.js';

export interface Handlers {
  readonly registry: Registry;
  readonly codec: Codec;
  readonly resources: readonly ResourceType[];
  /** Sends bookmarks and ends watches on shutdown. */
  readonly watchTimeoutSeconds: { min: number; max: number };
}

export interface Call {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly ri: ResourceRequest;
  readonly query: URLSearchParams;
  /** The served resource type (the request's version). */
  readonly rt: ResourceType;
  /** Target in storage terms (the storage version's type). */
  readonly target: Target;
  readonly form: ResponseForm;
}
