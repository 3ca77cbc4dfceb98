/**
 * How long the event loop was held while something ran: a timer every `everyMs` that fires late
 * by more than that was blocked (a synchronous SQLite wait, a long bulk step). For tests and benches.
 */
export function watchLoopLag(everyMs = 10): { max(): number; stop(): void } {
  let max = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last - everyMs);
    last = now;
  }, everyMs);
  return { max: () => max, stop: () => clearInterval(timer) };
}
