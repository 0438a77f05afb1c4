import { describe, expect, it } from "vitest";
import { scanPage } from "./scan.js";

function iterate(
  names: () => string[],
  count: number,
  between?: (round: number) => void,
): string[] {
  const seen: string[] = [];
  let cursor = 0n;
  for (let round = 0; round < 10_000; round++) {
    const page = scanPage(names(), cursor, count, false);
    seen.push(...page.names);
    between?.(round);
    cursor = page.next;
    if (cursor === 0n) return seen;
  }
  throw new Error("scan did not terminate");
}

describe("scan cursors", () => {
  it("visits every element exactly once when nothing changes", () => {
    const names = Array.from({ length: 250 }, (_, i) => `key:${i}`);
    const seen = iterate(() => names, 10);
    expect(seen.sort()).toEqual([...names].sort());
  });

  it("returns elements present for the whole iteration even when others come and go", () => {
    const stable = Array.from({ length: 100 }, (_, i) => `stable:${i}`);
    let churn: string[] = [];
    const seen = iterate(
      () => [...stable, ...churn],
      7,
      (round) => {
        churn = Array.from({ length: round % 13 }, (_, i) => `churn:${round}:${i}`);
      },
    );
    for (const name of stable) expect(seen).toContain(name);
  });

  it("answers compact collections whole with cursor 0", () => {
    expect(scanPage(["a", "b", "c"], 0n, 1, true)).toEqual({ next: 0n, names: ["a", "b", "c"] });
  });
});
