// What every verb gets: its parsed arguments, where to write, and (made on first use) the
// API connection, discovery and the namespace, all resolved from the kubeconfig and flags.
import { homedir } from 'node:os';
import { readFileSync } from 'node:fs';
import { KubeconfigSet, kubeconfigPaths, type KubeconfigTarget } from '../../client/kubeconfig.js';
import { Api } from './api.js';
import { parseDuration, type ParsedArgs } from './args.js';
import { Discovery } from './discovery.js';

export interface Output {
  write(s: string): void;
}

export interface CliEnv {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
  /** All of stdin, read once. */
  readonly stdin: () => string;
  readonly signal: AbortSignal;
}

export class Cli {
  private apiValue: Api | undefined;
  private discoveryValue: Promise<Discovery> | undefined;
  private targetValue: KubeconfigTarget | undefined;

  constructor(readonly args: ParsedArgs, readonly io: CliEnv) {}

  out(s: string): void { this.io.stdout.write(s); }
  err(s: string): void { this.io.stderr.write(s); }

  kubeconfig(): KubeconfigSet {
    const flag = this.args.str('kubeconfig');
    return KubeconfigSet.load(kubeconfigPaths(flag, this.io.env, this.io.home), flag !== '');
  }

  get target(): KubeconfigTarget {
    if (this.targetValue === undefined) {
      const a = this.args;
      this.targetValue = this.kubeconfig().resolve({
        context: a.str('context'), cluster: a.str('cluster'), user: a.str('user'),
        namespace: a.str('namespace'), server: a.str('server'), token: a.str('token'),
        insecureSkipTlsVerify: a.bool('insecure-skip-tls-verify'),
      });
    }
    return this.targetValue;
  }

  get namespace(): string {
    return this.target.namespace;
  }

  /** True when -n was given (kubectl then checks manifests' namespaces against it). */
  get namespaceExplicit(): boolean {
    return this.args.str('namespace') !== '';
  }

  get api(): Api {
    this.apiValue ??= new Api(this.target, parseDuration(this.args.str('request-timeout'), 'request-timeout'));
    return this.apiValue;
  }

  discovery(): Promise<Discovery> {
    this.discoveryValue ??= Discovery.load(this.api);
    return this.discoveryValue;
  }

  close(): void {
    this.apiValue?.close();
  }
}

export function processEnv(signal: AbortSignal): CliEnv {
  let stdinText: string | undefined;
  return {
    stdout: process.stdout, stderr: process.stderr, env: process.env, home: process.env['HOME'] ?? homedir(), signal,
    stdin: () => (stdinText ??= readFileSync(0, 'utf8')),
  };
}
