import { describe, expect, it } from "vitest";
import { LatencyRecorder } from "./latency-recorder.js";

describe("LatencyRecorder", () => {
  it("returns nearest-rank percentiles across a grown buffer", () => {
    const recorder = new LatencyRecorder(16);
    for (let value = 100; value >= 1; value--) recorder.record(value);
    expect(recorder.size).toBe(100);
    expect(recorder.percentiles([50, 99, 100])).toEqual([50, 99, 100]);
  });

  it("returns NaN when empty and rejects ranks outside 0..100", () => {
    const recorder = new LatencyRecorder();
    expect(recorder.percentiles([50])).toEqual([Number.NaN]);
    recorder.record(1);
    expect(() => recorder.percentiles([101])).toThrow(RangeError);
  });
});
