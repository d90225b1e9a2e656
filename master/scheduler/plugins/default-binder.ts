// DefaultBinder: POST pods/{name}/binding, the write that assigns the pod.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { BindPlugin } from '../framework/plugin.js';
import { success, type Status } from '../framework/status.js';

export interface PodBinder {
  bind(namespace: string, name: string, nodeName: string, signal: AbortSignal): Promise<void>;
}

export class DefaultBinder implements BindPlugin {
  readonly name = 'DefaultBinder';

  constructor(private readonly binder: PodBinder) {}

  async bind(_state: CycleState, pod: Pod, nodeName: string, signal: AbortSignal): Promise<Status> {
    await this.binder.bind(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', nodeName, signal);
    return success;
  }
}
