// Per-pod scratch space of one scheduling cycle: what PreFilter/PreScore computed once from
// the pod, read back by Filter/Score for every node.
export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Plugins whose PreFilter answered Skip: their Filter is not run. */
  readonly skipFilter = new Set<string>();
  /** Plugins whose PreScore answered Skip: their Score is not run. */
  readonly skipScore = new Set<string>();

  /** The last key read and its value: Score runs plugin by plugin over every node, so reads repeat. */
  private lastKey: string | undefined;
  private lastValue: unknown;

  write(key: string, value: unknown): void {
    this.data.set(key, value);
    if (key === this.lastKey) this.lastValue = value;
  }

  /** The value written under `key` by the plugin that owns it; throws when it is missing. */
  read<T>(key: string): T {
    if (key === this.lastKey) return this.lastValue as T;
    const v = this.data.get(key);
    if (v === undefined && !this.data.has(key)) throw new Error(`cycle state has no ${JSON.stringify(key)} (its PreFilter/PreScore did not run)`);
    this.lastKey = key;
    this.lastValue = v;
    return v as T;
  }
}
