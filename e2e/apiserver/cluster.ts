// One etcd + one apiserver + kubectl, shared by the tests of one file.
import { EtcdCluster } from '../support/etcd.js';
import { ApiserverProcess } from '../support/apiserver.js';
import { Kubectl } from '../support/kubectl.js';

export interface TestCluster {
  readonly etcd: EtcdCluster;
  readonly apiserver: ApiserverProcess;
  readonly kubectl: Kubectl;
  stop(): Promise<void>;
}

export async function startCluster(opts: { etcdMembers?: 1 | 3; kubectl?: string } = {}): Promise<TestCluster> {
  const etcd = await EtcdCluster.start(opts.etcdMembers ?? 1);
  let apiserver: ApiserverProcess;
  try {
    apiserver = await ApiserverProcess.start(etcd.endpoints);
  } catch (err) {
    await etcd.stop();
    throw err;
  }
  const kubectl = new Kubectl(apiserver.url, opts.kubectl);
  return {
    etcd, apiserver, kubectl,
    async stop() {
      kubectl.cleanup();
      await apiserver.stop();
      await etcd.stop();
    },
  };
}

/** JSON from the API, failing the test on a non-2xx answer. */
export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return await res.json() as T;
}
