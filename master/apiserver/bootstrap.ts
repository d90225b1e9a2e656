// What every cluster has from the start: the system namespaces and the `kubernetes` Service.
import type { ApiObject } from '../../shared/api/meta.js';
import type { ResourceType } from '../../shared/api/resource.js';
import { isStatusError } from '../../shared/api/errors.js';
import { systemNamespaces } from './admission/namespace-lifecycle.js';
import { createObject } from './registry/create.js';
import { keyFor } from './registry/keys.js';
import type { Registry } from './registry/context.js';

export async function bootstrap(r: Registry, find: (group: string, resource: string) => ResourceType, kubernetesIP: string, port: number): Promise<void> {
  const namespaces = find('', 'namespaces');
  const ensure = async (rt: ResourceType, namespace: string, obj: ApiObject): Promise<void> => {
    if (await r.store.get(keyFor(rt, namespace, obj.metadata.name ?? '')) !== undefined) return;
    try {
      await createObject(r, { rt, namespace, name: obj.metadata.name ?? '' }, obj, { dryRun: false });
    } catch (err) {
      if (!isStatusError(err, 'AlreadyExists')) throw err;
    }
  };
  for (const name of systemNamespaces) await ensure(namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  await ensure(find('', 'services'), 'default', {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { type: 'ClusterIP', clusterIP: kubernetesIP, ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: port }], sessionAffinity: 'None' },
  });
}
