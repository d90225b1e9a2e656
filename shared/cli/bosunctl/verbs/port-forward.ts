// bosunctl port-forward: the apiserver side (pods/portforward, SPDY over WebSocket) is not
// served yet, so this says so plainly instead of failing half way.
import type { Cli } from '../context.js';
import { CliError } from '../errors.js';

export function portForward(cli: Cli): Promise<number> {
  void cli;
  return Promise.reject(new CliError('port-forward is not supported by bosunctl yet: use the Service\'s NodePort, or kubectl port-forward once the apiserver serves pods/portforward'));
}
