// managedFields bookkeeping for non-apply writes, so server-side apply sees who owns what.
import type { ApiObject } from '../../../shared/api/meta.js';
import { apiVersionOf, type ResourceType } from '../../../shared/api/resource.js';
import { rfc3339 } from '../../../shared/util/time.js';
import { recordUpdateManager } from '../patch/server-side-apply.js';

export function recordManager(rt: ResourceType, old: ApiObject | undefined, obj: ApiObject,
  manager: string | undefined, now: Date, subresource?: string): void {
  if (manager === undefined || manager === '') return;
  recordUpdateManager(old, obj, {
    manager, apiVersion: apiVersionOf(rt), now: rfc3339(now), ...(subresource !== undefined ? { subresource } : {}),
  });
}
