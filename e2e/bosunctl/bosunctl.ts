// bosunctl as a user runs it (the built dist/shared/cli/bosunctl.js in its own process), with
// its own HOME and kubeconfig, next to the real kubectl for comparisons.
import { fileURLToPath } from 'node:url';
import { CliRunner } from '../support/kubectl.js';

export const bosunctlBin = fileURLToPath(new URL('../../shared/cli/bosunctl.js', import.meta.url));

/** bosunctl in its own process, with only PATH from the test's environment. */
export class Bosunctl extends CliRunner {
  constructor(server: string) {
    super(server, [process.execPath, bosunctlBin], 'bosunctl', () => ({ PATH: process.env['PATH'] }));
  }
}
