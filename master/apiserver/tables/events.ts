// kubectl get events: LAST SEEN TYPE REASON OBJECT MESSAGE
// [SUBOBJECT SOURCE FIRST SEEN COUNT NAME]; the wide columns sit between and after, as on the real server.
import type { Event } from '../../../shared/api/core/v1/event.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { column, NAME_DESCRIPTION, wideColumn } from './columns.js';
import { since } from './duration.js';
import type { TableCell, TableColumnDefinition } from './table.js';

export const columns: readonly TableColumnDefinition[] = [
  column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
  column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
  column('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
  column('Object', 'string', 'The object that this event is about.'),
  wideColumn('Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.'),
  wideColumn('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.'),
  column('Message', 'string', 'A human-readable description of the status of this operation.'),
  wideColumn('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)'),
  wideColumn('Count', 'string', 'The number of times this event has occurred.'),
  { name: 'Name', type: 'string', format: 'name', description: NAME_DESCRIPTION, priority: 1 },
];

export function rowCells(obj: ApiObject, now: Date): TableCell[] {
  const ev = obj as Event;
  const firstSeen = ev.firstTimestamp ? since(ev.firstTimestamp, now) : since(ev.eventTime, now);
  let lastSeen = ev.lastTimestamp ? since(ev.lastTimestamp, now) : firstSeen;
  let count = ev.count ?? 0;
  if (ev.series) {
    lastSeen = since(ev.series.lastObservedTime, now);
    count = ev.series.count ?? 0;
  } else if (count === 0) {
    count = 1; // singleton events of the events.k8s.io API carry no count
  }
  const involved = ev.involvedObject;
  const kind = (involved?.kind ?? '').toLowerCase();
  return [
    lastSeen,
    ev.type ?? '',
    ev.reason ?? '',
    involved?.name ? `${kind}/${involved.name}` : kind,
    involved?.fieldPath ?? '',
    source(ev),
    (ev.message ?? '').trim(),
    firstSeen,
    count,
    ev.metadata.name ?? '',
  ];
}

/** "kubelet, node-1": the component (or reporting controller), then the host (or reporting instance). */
function source(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const host = ev.source?.host || ev.reportingInstance || '';
  return host === '' ? component : `${component}, ${host}`;
}
