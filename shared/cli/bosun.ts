#!/usr/bin/env node
// `bosun COMMAND [flags]`: the daemons. This is the process's composition root: it loads
// the command's module by path, so shared/ keeps no static import of master/ or node/.

interface Command { readonly module: string; readonly summary: string }

const commands: Readonly<Record<string, Command>> = {
  apiserver: { module: '../../master/apiserver/main.js', summary: 'serve the Kubernetes API on etcd' },
  master: { module: '../../master/main.js', summary: 'run the apiserver, the controller-manager and the scheduler in one process' },
  'controller-manager': { module: '../../master/controllers/main.js', summary: 'run the control loops (replicasets, deployments, garbage collection, …)' },
  scheduler: { module: '../../master/scheduler/main.js', summary: 'assign pending pods to nodes (filter and score plugins, leader election)' },
  kubelet: { module: '../../node/kubelet/main.js', summary: 'run the pods bound to this node on Docker Engine' },
  join: { module: '../../node/join/main.js', summary: 'join this node to a cluster: write the kubeconfig of its components' },
  proxy: { module: '../../node/proxy/main.js', summary: 'program this node\'s iptables for Services (ClusterIP, NodePort, LoadBalancer)' },
  network: { module: '../../node/network/main.js', summary: 'keep pod routes, the service sink and masquerade in step with the Nodes; answer node-local DNS' },
};

function usage(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(20)}${c.summary}`);
  return ['Usage: bosun COMMAND [flags]', '', 'Commands:', ...rows, '', 'Run `bosun COMMAND --help` for the flags of a command and their defaults.'].join('\n');
}

async function run(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const cmd = commands[name];
  if (cmd === undefined) {
    process.stderr.write(`bosun: unknown command ${JSON.stringify(name)}\n\n${usage()}\n`);
    return 2;
  }
  const mod = (await import(new URL(cmd.module, import.meta.url).href)) as { main(argv: readonly string[]): Promise<number> };
  return mod.main(rest);
}

run(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err: unknown) => {
  process.stderr.write(`bosun: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
