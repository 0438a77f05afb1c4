import { standaloneCommands } from "@petrel/commands";
import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { execArgumentsError, retryStrategyError } from "./executable-batch.js";

const batch = { isAtomic: false, commands: [standaloneCommands.get("k")] };

describe("execArgumentsError", () => {
  it("accepts any { isAtomic, commands } object and a valid timeout", () => {
    expect(execArgumentsError(batch, true, undefined)).toBeUndefined();
    expect(execArgumentsError({ isAtomic: true, commands: [] }, false, 0)).toBeUndefined();
  });

  it.each([
    [null, true, undefined, /needs a batch/],
    [{ isAtomic: 1, commands: [] }, true, undefined, /isAtomic must be a boolean/],
    [{ isAtomic: true, commands: "GET k" }, true, undefined, /commands must be an array/],
    [{ isAtomic: true, commands: [batch.commands[0], {}] }, true, undefined, /commands\[1\]/],
    [batch, "yes", undefined, /raiseOnError/],
    [batch, true, -5, /timeout/],
    [batch, true, Number.NaN, /timeout/],
  ])("rejects %o / %o / %o", (candidate, raise, timeout, message) => {
    const error = execArgumentsError(candidate, raise, timeout);
    expect(error).toBeInstanceOf(RequestError);
    expect(error?.message).toMatch(message);
  });
});

describe("retryStrategyError", () => {
  it("allows a strategy on pipelines and none on transactions", () => {
    expect(retryStrategyError(true, undefined)).toBeUndefined();
    expect(
      retryStrategyError(false, { retryServerError: true, retryConnectionError: false }),
    ).toBeUndefined();
  });

  it("refuses a strategy on a transaction, and malformed strategies", () => {
    const strategy = { retryServerError: false, retryConnectionError: false };
    expect(retryStrategyError(true, strategy)?.message).toMatch(/not supported for atomic/);
    expect(retryStrategyError(false, "yes")?.message).toMatch(/retryStrategy must be/);
    expect(retryStrategyError(false, { retryServerError: 1 })?.message).toMatch(
      /retryServerError must be a boolean/,
    );
  });
});
