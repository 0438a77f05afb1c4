import { describe, expect, it } from "vitest";
import { TestServerError } from "./errors.js";
import { waitUntil } from "./wait-until.js";

describe("waitUntil", () => {
  it("resolves as soon as the check passes", async () => {
    let calls = 0;
    await waitUntil(async () => ++calls === 3, {
      description: "third call",
      deadlineMs: 5_000,
      intervalMs: 1,
    });
    expect(calls).toBe(3);
  });

  it("fails after the deadline with the last error", async () => {
    const failing = waitUntil(
      async () => {
        throw new Error("connection refused");
      },
      { description: "server", deadlineMs: 30, intervalMs: 5 },
    );
    await expect(failing).rejects.toThrow(TestServerError);
    await expect(failing).rejects.toThrow(
      /server: not reached within 30 ms \(last: connection refused\)/,
    );
  });

  it("stops early when told waiting is pointless", async () => {
    const started = Date.now();
    await expect(
      waitUntil(async () => false, {
        description: "server",
        deadlineMs: 10_000,
        abortReason: () => "the server exited with code 1",
      }),
    ).rejects.toThrow("server: the server exited with code 1");
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
