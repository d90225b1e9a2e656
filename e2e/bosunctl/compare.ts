// Runs kubectl and bosunctl with the same arguments and asks for the same output. Ages in
// tables tick, so a mismatch is retried a few times before it fails the test.
import assert from 'node:assert/strict';
import type { Kubectl, KubectlResult } from '../support/kubectl.js';
import type { Bosunctl } from './bosunctl.js';

export async function sameOutput(k: Kubectl, b: Bosunctl, args: readonly string[], opts: { stderr?: boolean } = {}): Promise<KubectlResult> {
  for (let attempt = 0; ; attempt++) {
    const [kr, br] = await Promise.all([k.run(args), b.run(args)]);
    const same = kr.stdout === br.stdout && kr.code === br.code && (opts.stderr !== true || kr.stderr === br.stderr);
    if (same) return br;
    if (attempt >= 4) {
      assert.equal(br.stdout, kr.stdout, `stdout of: ${args.join(' ')} (bosunctl stderr: ${br.stderr})`);
      assert.equal(br.code, kr.code, `exit code of: ${args.join(' ')}: ${br.stderr} / ${kr.stderr}`);
      assert.equal(br.stderr, kr.stderr, `stderr of: ${args.join(' ')}`);
    }
    await new Promise((r) => setTimeout(r, 400));
  }
}
