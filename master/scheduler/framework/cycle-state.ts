// Per-pod scratch space of one scheduling cycle: what PreFilter/PreScore computed once from
// the pod, read back by Filter/Score for every node.
export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Plugins whose PreFilter answered Skip: their Filter is not run. */
  readonly skipFilter = new Set<string>();
  /** Plugins whose PreScore answered Skip: their Score is not run. */
  readonly skipScore = new Set<string>();

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  /** The value written under `key` by the plugin that owns it; throws when it is missing. */
  read<T>(key: string): T {
    if (!this.data.has(key)) throw new Error(`cycle state has no ${JSON.stringify(key)} (its PreFilter/PreScore did not run)`);
    return this.data.get(key) as T;
  }
}
