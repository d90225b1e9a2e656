// The one door to etcd watches: builds the etcd3 client from --etcd-servers. Only storage/
// imports etcd3; KV calls (reads and writes) go through etcd-kv.ts.
import { Etcd3, type IOptions } from 'etcd3';

export type { Etcd3 };

export function connectEtcd(servers: readonly string[]): Etcd3 {
  const hosts = servers.map((s) => (s.includes('://') ? s : `http://${s}`));
  const options: IOptions = {
    hosts,
    dialTimeout: 3000,
    // A member that is down fails over to the next host quickly instead of wedging calls.
    faultHandling: {},
  };
  return new Etcd3(options);
}
