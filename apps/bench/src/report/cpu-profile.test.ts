import { describe, expect, it } from "vitest";
import { areaOf, parseCpuProfile, summarizeCpuProfile } from "./cpu-profile.js";

describe("CPU profile summary", () => {
  it("attributes self time to functions and areas, ignoring idle", () => {
    const profile = parseCpuProfile(
      JSON.stringify({
        nodes: [
          { id: 1, callFrame: { functionName: "(idle)", url: "", lineNumber: -1 } },
          {
            id: 2,
            callFrame: {
              functionName: "decode",
              url: "file:///r/packages/protocol/dist/decoder.js",
              lineNumber: 9,
            },
          },
          { id: 3, callFrame: { functionName: "write", url: "node:net", lineNumber: 0 } },
        ],
        samples: [1, 2, 2, 3],
        timeDeltas: [500, 100, 200, 100],
      }),
    );
    const summary = summarizeCpuProfile(profile);
    expect(summary.totalMicros).toBe(400);
    expect(summary.functions[0]).toMatchObject({ name: "decode dist/decoder.js:10", micros: 300 });
    expect(summary.areas.map((area) => area.name)).toEqual(["@petrel/protocol", "node internals"]);
    expect(summary.areas[0]?.share).toBeCloseTo(0.75);
  });

  it("names dependency areas by package, nested node_modules included", () => {
    expect(areaOf("file:///a/node_modules/.pnpm/x/node_modules/ioredis/built/Redis.js", "f")).toBe(
      "ioredis",
    );
    expect(areaOf("", "(garbage collector)")).toBe("(garbage collector)");
  });

  it("rejects a file that is not a profile", () => {
    expect(() => parseCpuProfile("{}")).toThrow(/Not a V8 CPU profile/);
  });
});
