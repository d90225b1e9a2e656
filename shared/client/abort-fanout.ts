// Many requests in flight under one long-lived AbortSignal (a component's root signal) share one
// listener on it. EventTarget's addEventListener walks every listener already there to refuse
// duplicates, so one listener per request made each request's cost grow with the number in
// flight: 20 µs a request for the scheduler with its bindings and events under way.

export class AbortFanout {
  private readonly bySignal = new WeakMap<AbortSignal, Set<() => void>>();

  /** Calls `onAbort` when `signal` aborts, until the returned function is called. */
  add(signal: AbortSignal, onAbort: () => void): () => void {
    let set = this.bySignal.get(signal);
    if (set === undefined) {
      const fresh = new Set<() => void>();
      set = fresh;
      this.bySignal.set(signal, fresh);
      signal.addEventListener('abort', () => {
        const all = [...fresh];
        fresh.clear();
        for (const fn of all) fn();
      }, { once: true });
    }
    const s = set;
    s.add(onAbort);
    return () => { s.delete(onAbort); };
  }
}
