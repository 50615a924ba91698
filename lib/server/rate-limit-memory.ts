// Rate-limit windows counted in this process's memory: the embedded default, with no Redis, where
// one instance is all there is.
import type { Counter, Window } from "./rate-limit-leases";

export class MemoryCounter implements Counter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  async take(windows: readonly Window[], cost: number) {
    const now = Date.now();
    if (this.windows.size > 50_000) for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
    for (const [index, { key, windowMs, max }] of windows.entries()) {
      let window = this.windows.get(key);
      if (!window || window.endsAt <= now) {
        window = { count: 0, endsAt: now + windowMs };
        this.windows.set(key, window);
      }
      window.count += cost;
      if (window.count > max) return { index, msLeft: window.endsAt - now };
    }
    return undefined;
  }
}
