import { describe, expect, it } from "vitest";
import { parseRedisBenchmark } from "./redis-benchmark.js";

describe("parseRedisBenchmark", () => {
  it("reads the SET rate from -q output, progress lines included", () => {
    const output =
      "SET: rps=0.0 (overall: nan) avg_msec=nan\rSET: 512820.53 requests per second, p50=1.215 msec\n";
    expect(parseRedisBenchmark(output)).toBeCloseTo(512820.53);
    expect(parseRedisBenchmark("ERR")).toBeUndefined();
    expect(parseRedisBenchmark(`${output}GET: 601234.50 requests per second\n`, "GET")).toBe(
      601234.5,
    );
  });
});
