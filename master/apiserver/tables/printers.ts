// Which printer serves which resource, keyed "group/resource" ("" group for core: "/pods").
// A plain table: adding a kind's printer is one import and one line here.
import * as configmaps from './configmaps.js';
import * as deployments from './deployments.js';
import * as endpoints from './endpoints.js';
import * as endpointslices from './endpointslices.js';
import * as events from './events.js';
import * as generic from './generic.js';
import * as horizontalpodautoscalers from './horizontalpodautoscalers.js';
import * as leases from './leases.js';
import * as namespaces from './namespaces.js';
import * as nodes from './nodes.js';
import * as persistentvolumeclaims from './persistentvolumeclaims.js';
import * as persistentvolumes from './persistentvolumes.js';
import * as pods from './pods.js';
import * as replicasets from './replicasets.js';
import * as secrets from './secrets.js';
import * as serviceaccounts from './serviceaccounts.js';
import * as services from './services.js';
import type { Printer } from './table.js';

export const printers: Readonly<Record<string, Printer>> = {
  '/pods': pods,
  '/services': services,
  '/nodes': nodes,
  '/namespaces': namespaces,
  '/events': events,
  '/endpoints': endpoints,
  '/configmaps': configmaps,
  '/secrets': secrets,
  '/serviceaccounts': serviceaccounts,
  '/persistentvolumes': persistentvolumes,
  '/persistentvolumeclaims': persistentvolumeclaims,
  '/replicationcontrollers': {
    columns: replicasets.replicationControllerColumns,
    rowCells: replicasets.replicationControllerRowCells,
  },
  'apps/deployments': deployments,
  'apps/replicasets': replicasets,
  'autoscaling/horizontalpodautoscalers': horizontalpodautoscalers,
  'coordination.k8s.io/leases': leases,
  'discovery.k8s.io/endpointslices': endpointslices,
};

/** The printer for a resource; Name and Created At for any resource without its own. */
export function printerFor(group: string, resource: string): Printer {
  return printers[`${group}/${resource}`] ?? generic;
}
