import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, test } from "vitest";
import { SHORT_STRING_BYTES, TextWindow } from "./text-window.js";

describe("TextWindow", () => {
  test("decodes ASCII, non-ASCII and mixed stretches like Buffer#toString", () => {
    const buf = Buffer.from("plain ascii, then é and ✓, then ascii again, and a last 😀 here");
    const window = new TextWindow();
    for (let start = 0; start < buf.length; start++) {
      for (let stop = start; stop <= Math.min(buf.length, start + SHORT_STRING_BYTES); stop++) {
        expect(window.read(buf, start, stop)).toBe(buf.toString("utf8", start, stop));
      }
    }
  });

  test("a Buffer changed after release() is read afresh", () => {
    const buf = Buffer.from("abcdef");
    const window = new TextWindow();
    expect(window.read(buf, 0, 3)).toBe("abc");
    buf.write("xyz");
    window.release();
    expect(window.read(buf, 0, 3)).toBe("xyz");
  });

  test("kept strings do not keep their window alive", () => {
    expect(SHORT_STRING_BYTES).toBeGreaterThanOrEqual(24);
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const window = new TextWindow();
    const kept: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      // Each string gets its own 4 KiB window; retaining windows would cost 80 MB.
      const buf = Buffer.from(`value-number-${String(i).padStart(11, "0")}${"x".repeat(5000)}`);
      kept.push(window.read(buf, 0, 24));
    }
    window.release();
    gc();
    const growth = process.memoryUsage().heapUsed - before;
    expect(kept[19_999]).toBe("value-number-00000019999");
    expect(growth).toBeLessThan(20 * 1024 * 1024);
  });
});
