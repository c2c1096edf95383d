/** Percentile of a sample (nearest-rank), in the sample's unit. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** p50/p99/max of durations in milliseconds, formatted for the bench report. */
export function summarize(samples: number[]): { p50: number; p99: number; max: number; line: string } {
  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const max = sorted[sorted.length - 1] ?? NaN;
  return { p50, p99, max, line: `p50 ${p50.toFixed(3)} ms  p99 ${p99.toFixed(3)} ms  max ${max.toFixed(3)} ms  (n=${samples.length})` };
}
