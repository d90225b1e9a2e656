// One source for how components run: the lab starts each Bosun component with the ExecStart of
// its systemd unit (deploy/systemd/) and the variables of its environment file (deploy/env/),
// exactly as systemd would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bosunBin, repoRoot } from './paths.js';

export type Component = 'master' | 'apiserver' | 'controller-manager' | 'scheduler' | 'kubelet' | 'proxy' | 'network';

/** The unit's ExecStart as argv, with /usr/local/bin/bosun run from this checkout. */
export function unitCommand(c: Component): string[] {
  const unit = readFileSync(join(repoRoot, 'deploy', 'systemd', `bosun-${c}.service`), 'utf8');
  const line = /^ExecStart=(.+)$/m.exec(unit)?.[1];
  if (line === undefined) throw new Error(`bosun-${c}.service has no ExecStart`);
  const [exe, ...args] = line.trim().split(/\s+/);
  if (exe !== '/usr/local/bin/bosun') throw new Error(`bosun-${c}.service runs ${exe}, not /usr/local/bin/bosun`);
  return [process.execPath, bosunBin, ...args];
}

/** deploy/env/<c>.env with its @PLACEHOLDERS@ filled, as the variables systemd passes. */
export function unitEnv(c: Component, values: Readonly<Record<string, string>>): Record<string, string> {
  let text = readFileSync(join(repoRoot, 'deploy', 'env', `${c}.env`), 'utf8');
  for (const [k, v] of Object.entries(values)) text = text.split(`@${k}@`).join(v);
  const left = /@[A-Z_]+@/.exec(text);
  if (left !== null) throw new Error(`deploy/env/${c}.env: no value for ${left[0]}`);
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`deploy/env/${c}.env: not NAME=value: ${line}`);
    env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

/** A kubeconfig that points at `server` (no credentials until the security work). */
export function kubeconfigFor(server: string): string {
  return [
    'apiVersion: v1', 'kind: Config', 'clusters:', '- name: bosun', '  cluster:', `    server: ${server}`,
    'users:', '- name: admin', '  user: {}', 'contexts:', '- name: bosun', '  context:', '    cluster: bosun', '    user: admin',
    'current-context: bosun', '',
  ].join('\n');
}
