import { describe, expect, it } from "vitest";
import { withClosing } from "./with-closing.js";

function closable(): { closed: number; close(): void } {
  const client = {
    closed: 0,
    close() {
      client.closed++;
    },
  };
  return client;
}

describe("withClosing", () => {
  it("returns the body's result and closes the client once", async () => {
    const client = closable();
    const result = await withClosing(Promise.resolve(client), async (c) => {
      expect(c.closed).toBe(0);
      return "done";
    });
    expect(result).toBe("done");
    expect(client.closed).toBe(1);
  });

  it("closes the client when the body throws, and rethrows", async () => {
    const client = closable();
    const failing = withClosing(Promise.resolve(client), async () => {
      throw new Error("body failed");
    });
    await expect(failing).rejects.toThrow("body failed");
    expect(client.closed).toBe(1);
  });

  it("rejects without running the body when connecting fails", async () => {
    let ran = false;
    const failing = withClosing(Promise.reject(new Error("refused")), async () => {
      ran = true;
    });
    await expect(failing).rejects.toThrow("refused");
    expect(ran).toBe(false);
  });
});
