// Command-line clients against a test apiserver, each with its own kubeconfig and HOME: the
// real kubectl (Kubectl) and anything else that reads a kubeconfig the same way (CliRunner).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KubectlResult { code: number; stdout: string; stderr: string }
export interface RunOptions { input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv }

/** A client program run as `argv0… args`, with KUBECONFIG pointing at `server`. */
export class CliRunner {
  readonly dir: string;
  readonly kubeconfig: string;

  constructor(readonly server: string, private readonly argv0: readonly string[], private readonly label: string, private readonly envFor: (dir: string) => NodeJS.ProcessEnv) {
    this.dir = mkdtempSync(join(tmpdir(), `bosun-${label}-`));
    this.kubeconfig = join(this.dir, 'kubeconfig');
    writeFileSync(this.kubeconfig, [
      'apiVersion: v1', 'kind: Config', 'clusters:', '- name: bosun', '  cluster:', `    server: ${server}`,
      'users:', '- name: admin', '  user: {}', 'contexts:', '- name: bosun', '  context:', '    cluster: bosun', '    user: admin',
      '    namespace: default', 'current-context: bosun', '',
    ].join('\n'));
  }

  /** Runs the program; never throws for a non-zero exit (tests assert on code and output). */
  run(args: readonly string[], opts: RunOptions = {}): Promise<KubectlResult> {
    const [cmd, ...pre] = this.argv0;
    return new Promise((resolve) => {
      const child = execFile(cmd!, [...pre, ...args], {
        env: { ...this.envFor(this.dir), KUBECONFIG: this.kubeconfig, HOME: this.dir, ...opts.env },
        timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024,
      }, (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1;
        resolve({ code, stdout: stdout.toString(), stderr: stderr.toString() });
      });
      if (opts.input !== undefined) child.stdin?.end(opts.input); else child.stdin?.end();
    });
  }

  /** Runs the program and fails with its output when it does not exit 0. */
  async ok(args: readonly string[], opts: RunOptions = {}): Promise<string> {
    const r = await this.run(args, opts);
    if (r.code !== 0) throw new Error(`${this.label} ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The real kubectl (or one of the versioned kubectl.1.NN binaries) with its own discovery cache. */
export class Kubectl extends CliRunner {
  constructor(server: string, readonly binary = 'kubectl') {
    super(server, [binary], 'kubectl', (dir) => ({ ...process.env, KUBECACHEDIR: join(dir, 'cache') }));
  }
}
