// Collects per-operation latencies (microseconds) in a growable typed array,
// so recording costs one store and percentiles are exact.

export class LatencyRecorder {
  private samples: Float64Array;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    this.samples = new Float64Array(Math.max(16, initialCapacity));
  }

  get size(): number {
    return this.count;
  }

  record(microseconds: number): void {
    if (this.count === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.count++] = microseconds;
  }

  /** Nearest-rank percentiles, e.g. `percentiles([50, 99])`; NaN when nothing was recorded. */
  percentiles(ranks: readonly number[]): number[] {
    if (this.count === 0) return ranks.map(() => Number.NaN);
    const sorted = this.samples.slice(0, this.count).sort();
    return ranks.map((rank) => {
      if (rank < 0 || rank > 100) throw new RangeError(`Percentile ${rank} is outside 0..100`);
      const index = Math.min(this.count - 1, Math.max(0, Math.ceil((rank / 100) * this.count) - 1));
      return sorted[index] ?? Number.NaN;
    });
  }
}
