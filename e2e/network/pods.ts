// Pods for the network scenarios: made with kubectl, pinned to a node, and commands run in
// their app container through the node's dockerd.
import { waitFor } from '../support/process.js';
import type { NetworkCluster } from './cluster.js';

export interface PodJson {
  metadata: { name: string; namespace: string; uid: string };
  spec: { nodeName?: string };
  status: { podIP?: string; conditions?: { type: string; status: string }[] };
}

export class Pods {
  constructor(private readonly c: NetworkCluster) {}

  apply(yaml: string): Promise<string> { return this.c.kubectl.ok(['apply', '-f', '-'], { input: yaml }); }

  async get(ns: string, name: string): Promise<PodJson> {
    return JSON.parse(await this.c.kubectl.ok(['get', 'pod', '-n', ns, name, '-o', 'json'])) as PodJson;
  }

  /** A toolbox pod on `node` running `command`, labelled `labels`, Ready. */
  async run(opts: { ns: string; name: string; node: string; command: string; labels?: Record<string, string> }): Promise<PodJson> {
    const labels = Object.entries(opts.labels ?? {}).map(([k, v]) => `${k}: ${v}`).join(', ');
    await this.apply(`apiVersion: v1
kind: Pod
metadata: {name: ${opts.name}, namespace: ${opts.ns}, labels: {${labels}}}
spec:
  nodeName: ${opts.node}
  containers:
  - name: main
    image: bosun/toolbox:1
    command: ["sh", "-c", ${JSON.stringify(opts.command)}]
`);
    try {
      return await waitFor(`pod ${opts.ns}/${opts.name} Ready`, async () => {
        const p = await this.get(opts.ns, opts.name);
        return p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') === true && p.status.podIP !== undefined ? p : undefined;
      }, 60_000, 200);
    } catch (err) {
      // What the pod and its kubelet say, for whoever reads the failure.
      const status = await this.get(opts.ns, opts.name).then((p) => JSON.stringify(p.status)).catch((e: unknown) => String(e));
      const logs = this.c.lab.process(opts.node, 'kubelet').logs(4000);
      throw new Error(`${err instanceof Error ? err.message : String(err)}\npod status: ${status}\nkubelet on ${opts.node}:\n${logs}`, { cause: err });
    }
  }

  /** Runs `cmd` in the pod's main container; the exit code and output. */
  async exec(p: PodJson, cmd: readonly string[]): Promise<{ code: number; out: string }> {
    const node = p.spec.nodeName ?? '';
    const id = await this.c.lab.docker(node, ['ps', '-q', '--filter', `label=io.bosun.pod.uid=${p.metadata.uid}`, '--filter', 'label=io.bosun.container.name=main']);
    const container = id.stdout.trim().split('\n')[0] ?? '';
    if (container === '') throw new Error(`no running main container for pod ${p.metadata.name} on ${node}`);
    const r = await this.c.lab.docker(node, ['exec', container, ...cmd], { timeoutMs: 30_000 });
    return { code: r.code, out: `${r.stdout}${r.stderr}` };
  }
}

/** The addresses busybox nslookup printed for the name (the lines after "Name:"). */
export function nslookupAddresses(out: string): string[] {
  const lines = out.split('\n');
  const i = lines.findIndex((l) => l.startsWith('Name:'));
  if (i < 0) return [];
  return lines.slice(i).filter((l) => l.startsWith('Address')).map((l) => l.replace(/^Address(?: \d+)?:\s*/, '').trim()).sort();
}
