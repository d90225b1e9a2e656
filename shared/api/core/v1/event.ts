// core/v1 Event (k8s.io/api/core/v1 types.go).
import type { ApiObject, Time } from '../../meta.js';
import type { ObjectReference } from './object-reference.js';

export interface EventSource {
  component?: string;
  host?: string;
}

export interface EventSeries {
  count?: number;
  /** MicroTime: RFC 3339 with microseconds. */
  lastObservedTime?: string;
}

export interface Event extends ApiObject {
  involvedObject: ObjectReference;
  reason?: string;
  message?: string;
  source?: EventSource;
  firstTimestamp?: Time | null;
  lastTimestamp?: Time | null;
  count?: number;
  type?: 'Normal' | 'Warning' | (string & {});
  /** MicroTime: set by events.k8s.io clients, null from core/v1 ones. */
  eventTime?: string | null;
  series?: EventSeries;
  action?: string;
  related?: ObjectReference;
  reportingComponent?: string;
  reportingInstance?: string;
}
