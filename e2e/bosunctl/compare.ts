// Runs kubectl and bosunctl with the same arguments and asks for the same output. Ages in
// tables tick, so a mismatch is retried a few times; when every try differs, outputs that
// differ only in the digits of ages (the two programs read the clock up to a second apart on a
// loaded machine, so "31s" meets "30s" and columns may shift by one) count as the same.
import assert from 'node:assert/strict';
import type { Kubectl, KubectlResult } from '../support/kubectl.js';
import type { Bosunctl } from './bosunctl.js';

export async function sameOutput(k: Kubectl, b: Bosunctl, args: readonly string[], opts: { stderr?: boolean } = {}): Promise<KubectlResult> {
  for (let attempt = 0; ; attempt++) {
    const [kr, br] = await Promise.all([k.run(args), b.run(args)]);
    const same = kr.stdout === br.stdout && kr.code === br.code && (opts.stderr !== true || kr.stderr === br.stderr);
    if (same) return br;
    if (attempt >= 4) {
      if (kr.code === br.code && (opts.stderr !== true || kr.stderr === br.stderr) && agesAside(kr.stdout) === agesAside(br.stdout)) return br;
      assert.equal(br.stdout, kr.stdout, `stdout of: ${args.join(' ')} (bosunctl stderr: ${br.stderr})`);
      assert.equal(br.code, kr.code, `exit code of: ${args.join(' ')}: ${br.stderr} / ${kr.stderr}`);
      assert.equal(br.stderr, kr.stderr, `stderr of: ${args.join(' ')}`);
    }
    await new Promise((r) => setTimeout(r, 400));
  }
}

/** The text with the numbers of ages ("31s", "2m3s", "5d") blanked and runs of spaces made one. */
export function agesAside(text: string): string {
  return text.replace(/\b\d+[smhdy](?:\d+[smhdy])?\b/g, (age) => age.replace(/\d+/g, 'N')).replace(/ +/g, ' ');
}
