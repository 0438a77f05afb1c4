// A sorted set ordered by (score, member bytes), as the server orders it.
// Members are latin1 strings so any bytes round-trip; comparing latin1 strings
// code unit by code unit is the same as comparing their bytes.

export interface ScoredMember {
  readonly member: string;
  readonly score: number;
}

function compare(aScore: number, aMember: string, bScore: number, bMember: string): number {
  if (aScore !== bScore) return aScore < bScore ? -1 : 1;
  if (aMember === bMember) return 0;
  return aMember < bMember ? -1 : 1;
}

export class SortedSet {
  private readonly scores = new Map<string, number>();
  // Kept sorted; inserts splice, which is fine for a test server.
  private readonly ordered: ScoredMember[] = [];

  /** A new set of `items`; a member listed twice keeps its last score. */
  static from(items: Iterable<ScoredMember>): SortedSet {
    const zset = new SortedSet();
    for (const item of items) zset.set(item.member, item.score);
    return zset;
  }

  get size(): number {
    return this.ordered.length;
  }

  score(member: string): number | undefined {
    return this.scores.get(member);
  }

  has(member: string): boolean {
    return this.scores.has(member);
  }

  /** Adds or moves a member; returns true when it was new. */
  set(member: string, score: number): boolean {
    const old = this.scores.get(member);
    if (old !== undefined) {
      if (old === score) return false;
      this.ordered.splice(this.indexOf(old, member), 1);
    }
    this.scores.set(member, score);
    this.ordered.splice(this.lowerBound(score, member), 0, { member, score });
    return old === undefined;
  }

  delete(member: string): boolean {
    const old = this.scores.get(member);
    if (old === undefined) return false;
    this.ordered.splice(this.indexOf(old, member), 1);
    this.scores.delete(member);
    return true;
  }

  /** 0-based rank in ascending order, or undefined. */
  rank(member: string): number | undefined {
    const score = this.scores.get(member);
    return score === undefined ? undefined : this.indexOf(score, member);
  }

  at(index: number): ScoredMember | undefined {
    return this.ordered[index];
  }

  /** Members with rank in [start, stop] (inclusive, already clamped by the caller). */
  slice(start: number, stop: number): ScoredMember[] {
    return this.ordered.slice(start, stop + 1);
  }

  entries(): readonly ScoredMember[] {
    return this.ordered;
  }

  /** Index of the first element with score > min (exclusive) or >= min. */
  firstAtLeast(min: number, exclusive: boolean): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const s = (this.ordered[mid] as ScoredMember).score;
      if (exclusive ? s <= min : s < min) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index one past the last element with score < max (exclusive) or <= max. */
  endAtMost(max: number, exclusive: boolean): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const s = (this.ordered[mid] as ScoredMember).score;
      if (exclusive ? s < max : s <= max) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  clone(): SortedSet {
    const copy = new SortedSet();
    for (const { member, score } of this.ordered) {
      copy.scores.set(member, score);
      copy.ordered.push({ member, score });
    }
    return copy;
  }

  private lowerBound(score: number, member: string): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.ordered[mid] as ScoredMember;
      if (compare(e.score, e.member, score, member) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(score: number, member: string): number {
    return this.lowerBound(score, member);
  }
}
