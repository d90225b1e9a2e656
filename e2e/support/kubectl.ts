// The real kubectl against a test apiserver, with its own kubeconfig and discovery cache.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KubectlResult { code: number; stdout: string; stderr: string }

export class Kubectl {
  readonly dir: string;
  private readonly kubeconfig: string;

  constructor(readonly server: string, readonly binary = 'kubectl') {
    this.dir = mkdtempSync(join(tmpdir(), 'bosun-kubectl-'));
    this.kubeconfig = join(this.dir, 'kubeconfig');
    writeFileSync(this.kubeconfig, [
      'apiVersion: v1', 'kind: Config', 'clusters:', '- name: bosun', '  cluster:', `    server: ${server}`,
      'users:', '- name: admin', '  user: {}', 'contexts:', '- name: bosun', '  context:', '    cluster: bosun', '    user: admin',
      '    namespace: default', 'current-context: bosun', '',
    ].join('\n'));
  }

  /** Runs kubectl; never throws for a non-zero exit (tests assert on code and output). */
  run(args: readonly string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<KubectlResult> {
    return new Promise((resolve) => {
      const child = execFile(this.binary, [...args], {
        env: { ...process.env, KUBECONFIG: this.kubeconfig, KUBECACHEDIR: join(this.dir, 'cache'), HOME: this.dir },
        timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024,
      }, (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1;
        resolve({ code, stdout: stdout.toString(), stderr: stderr.toString() });
      });
      if (opts.input !== undefined) child.stdin?.end(opts.input); else child.stdin?.end();
    });
  }

  /** Runs kubectl and fails with its output when it does not exit 0. */
  async ok(args: readonly string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<string> {
    const r = await this.run(args, opts);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
