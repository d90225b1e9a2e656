// Which printer serves which resource, keyed "group/resource" ("" group for core: "/pods").
// A plain table: adding a kind's printer is one import and one line here.
import * as deployments from './deployments.js';
import * as generic from './generic.js';
import type { Printer } from './table.js';

export const printers: Readonly<Record<string, Printer>> = {
  'apps/deployments': deployments,
};

/** The printer for a resource; Name and Created At for any resource without its own. */
export function printerFor(group: string, resource: string): Printer {
  return printers[`${group}/${resource}`] ?? generic;
}
