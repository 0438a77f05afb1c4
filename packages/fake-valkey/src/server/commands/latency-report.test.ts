import { describe, expect, it } from "vitest";
import { LatencyHistograms, latencyGraph } from "./latency-report.js";

describe("latencyGraph", () => {
  it("draws redis-server 7.0's graph for samples of 50, 20 and 31 ms", () => {
    const samples = [
      { time: 1000, latency: 50 },
      { time: 1001, latency: 20 },
      { time: 1002, latency: 31 },
    ];
    // Captured from redis-server 7.0.15 four seconds after the first sample.
    expect(latencyGraph("command", samples, 50, 1004)).toBe(
      `command - high 50 ms, low 20 ms (all time high 50 ms)\n${"-".repeat(80)}\n#  \n|  \n| o\n|_|\n   \n432\nsss\n`,
    );
  });

  it("draws a single sample at the bottom row", () => {
    expect(latencyGraph("command", [{ time: 5, latency: 50 }], 50, 5)).toBe(
      `command - high 50 ms, low 50 ms (all time high 50 ms)\n${"-".repeat(80)}\n \n \n \n_\n \n0\ns\n`,
    );
  });
});

describe("LatencyHistograms", () => {
  it("files calls in the server's cumulative power-of-two buckets", () => {
    const histograms = new LatencyHistograms();
    // 1.5 µs, 3 µs (twice), 6 µs: the buckets the server reports as 2, 4 and 8.
    for (const micros of [1.5, 3, 3, 6]) histograms.record("hello", micros);
    histograms.record("client|list", 16);
    expect(histograms.reply("hello")).toEqual({
      type: "map",
      value: [
        [
          { type: "bulk", value: "calls" },
          { type: "integer", value: 4 },
        ],
        [
          { type: "bulk", value: "histogram_usec" },
          {
            type: "map",
            value: [
              [
                { type: "integer", value: 2 },
                { type: "integer", value: 1 },
              ],
              [
                { type: "integer", value: 4 },
                { type: "integer", value: 3 },
              ],
              [
                { type: "integer", value: 8 },
                { type: "integer", value: 4 },
              ],
            ],
          },
        ],
      ],
    });
    expect(histograms.names(["client"])).toEqual(["client|list"]);
    expect(histograms.names([])).toEqual([]);
    expect(histograms.names(undefined)).toEqual(["hello", "client|list"]);
  });
});
