// bosunctl as a user runs it (the built dist/shared/cli/bosunctl.js in its own process), with
// its own HOME and kubeconfig, next to the real kubectl for comparisons.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubectlResult } from '../support/kubectl.js';

export const bosunctlBin = fileURLToPath(new URL('../../shared/cli/bosunctl.js', import.meta.url));

export class Bosunctl {
  readonly dir: string;
  readonly kubeconfig: string;

  constructor(readonly server: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'bosunctl-e2e-'));
    this.kubeconfig = join(this.dir, 'kubeconfig');
    writeFileSync(this.kubeconfig, [
      'apiVersion: v1', 'kind: Config', 'clusters:', '- name: bosun', '  cluster:', `    server: ${server}`,
      'users:', '- name: admin', '  user: {}', 'contexts:', '- name: bosun', '  context:', '    cluster: bosun', '    user: admin',
      '    namespace: default', 'current-context: bosun', '',
    ].join('\n'));
  }

  run(args: readonly string[], opts: { input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<KubectlResult> {
    return new Promise((resolve) => {
      const child = execFile(process.execPath, [bosunctlBin, ...args], {
        env: { PATH: process.env['PATH'], HOME: this.dir, KUBECONFIG: this.kubeconfig, ...opts.env },
        timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024,
      }, (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1;
        resolve({ code, stdout: stdout.toString(), stderr: stderr.toString() });
      });
      if (opts.input !== undefined) child.stdin?.end(opts.input); else child.stdin?.end();
    });
  }

  async ok(args: readonly string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<string> {
    const r = await this.run(args, opts);
    if (r.code !== 0) throw new Error(`bosunctl ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
