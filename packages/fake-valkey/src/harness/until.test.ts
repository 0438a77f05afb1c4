import { describe, expect, it } from "vitest";
import { until } from "./until.js";

describe("until", () => {
  it("resolves once a synchronous check holds", async () => {
    let calls = 0;
    await until(() => ++calls === 3);
    expect(calls).toBe(3);
  });

  it("awaits asynchronous checks", async () => {
    let calls = 0;
    await until(async () => ++calls === 2);
    expect(calls).toBe(2);
  });

  it("throws once the deadline passes", async () => {
    await expect(until(() => false, 20)).rejects.toThrow("condition not met in time");
  });
});
