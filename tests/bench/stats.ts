/** Percentiles over raw samples (nearest-rank), printed the same way by every bench. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summary(label: string, samples: number[], unit = 'ms'): string {
  const f = (n: number) => n.toFixed(1);
  return `${label}: n=${samples.length} p50=${f(percentile(samples, 50))}${unit} p90=${f(percentile(samples, 90))}${unit} p99=${f(percentile(samples, 99))}${unit} max=${f(Math.max(...samples))}${unit}`;
}
