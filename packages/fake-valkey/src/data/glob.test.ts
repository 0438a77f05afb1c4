import { describe, expect, it } from "vitest";
import { globMatch } from "./glob.js";

describe("glob patterns", () => {
  it.each([
    ["*", "anything", true],
    ["*", "", true],
    ["h?llo", "hello", true],
    ["h?llo", "hllo", false],
    ["h*llo", "heeeello", true],
    ["h[ae]llo", "hallo", true],
    ["h[ae]llo", "hillo", false],
    ["h[^e]llo", "hallo", true],
    ["h[^e]llo", "hello", false],
    ["h[a-b]llo", "hbllo", true],
    ["h[b-a]llo", "hallo", true],
    ["h\\*llo", "h*llo", true],
    ["h\\*llo", "hello", false],
    ["a*b*c", "axxbyyc", true],
    ["a*b*c", "axxbyy", false],
    ["[\\]]", "]", true],
    ["*a", "ba", true],
    ["a*", "", false],
    ["**", "", true],
    ["h[a-]llo", "h-llo", false],
    ["h[a-]llo", "h_", true],
  ])("%s on %s → %s", (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });
});

describe("glob performance", () => {
  it("does not backtrack exponentially", () => {
    const started = Date.now();
    expect(globMatch("a*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(5000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
