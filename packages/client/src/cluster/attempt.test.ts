import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { Attempt } from "./attempt.js";

const parent = (settled = false) => ({ requestId: 7, settled, asBuffers: false });

describe("Attempt", () => {
  it("resolves with the command's reply, after ASKING's", async () => {
    const attempt = new Attempt(parent(), [["GET", "k"]], true);
    expect(attempt.wireCommands).toEqual([["ASKING"], ["GET", "k"]]);
    expect(attempt.accept("OK", 3)).toBe(false);
    expect(attempt.accept("value", 3)).toBe(true);
    expect(await attempt.outcome).toEqual({
      kind: "reply",
      reply: "value",
      replies: ["value"],
      resp: 3,
    });
  });

  it("returns server errors as replies, for the executor to classify", async () => {
    const attempt = new Attempt(parent(), [["GET", "k"]], false);
    const error = new RequestError("MOVED 1 h:1");
    attempt.accept(error, 2);
    expect(await attempt.outcome).toMatchObject({ kind: "reply", reply: error, resp: 2 });
  });

  it("reports whether a lost attempt had been written", async () => {
    const attempt = new Attempt(parent(), [["INCR", "k"]], false);
    attempt.written = true;
    attempt.fail(new Error("gone"));
    expect(await attempt.outcome).toMatchObject({ kind: "lost", written: true });
  });

  it("can be withdrawn only before it is written, and settles once", async () => {
    const written = new Attempt(parent(), [["GET", "k"]], false);
    written.written = true;
    expect(written.withdraw()).toBe(false);
    const waiting = new Attempt(parent(), [["GET", "k"]], false);
    expect(waiting.withdraw()).toBe(true);
    waiting.fail(new Error("late"));
    expect(await waiting.outcome).toEqual({ kind: "withdrawn" });
    expect(waiting.settled).toBe(true);
  });

  it("carries a whole MULTI … EXEC block and returns every reply", async () => {
    const attempt = new Attempt(parent(), [["MULTI"], ["INCR", "k"], ["EXEC"]], false);
    attempt.accept("OK", 3);
    attempt.accept("QUEUED", 3);
    expect(attempt.accept([1], 3)).toBe(true);
    expect(await attempt.outcome).toMatchObject({ replies: ["OK", "QUEUED", [1]] });
  });

  it("is settled when its request is, so late replies are dropped", () => {
    expect(new Attempt(parent(true), [["GET", "k"]], false).settled).toBe(true);
    expect(new Attempt(parent(false), [["GET", "k"]], false).requestId).toBe(7);
  });
});
