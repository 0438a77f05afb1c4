import { describe, expect, it } from "vitest";
import { blockingTimeoutMs, customCommand } from "./custom-command.js";

describe("customCommand", () => {
  it("reads blocking timeouts from the arguments", () => {
    expect(blockingTimeoutMs(["BLPOP", "a", "b", "1.5"])).toBe(1500);
    expect(blockingTimeoutMs(["blmpop", "0", "1", "k", "LEFT"])).toBe(0);
    expect(blockingTimeoutMs(["XREAD", "COUNT", "1", "BLOCK", "250", "STREAMS", "s", "$"])).toBe(
      250,
    );
    expect(blockingTimeoutMs(["XREAD", "STREAMS", "s", "$"])).toBeUndefined();
    expect(blockingTimeoutMs(["WAIT", "1", "100"])).toBe(100);
    expect(blockingTimeoutMs(["BLPOP", "k", "soon"])).toBeUndefined();
    expect(blockingTimeoutMs(["GET", "k"])).toBeUndefined();
  });

  it("takes flags from the command table and keeps unknown commands usable", () => {
    const get = customCommand(["GET", "k"], undefined);
    expect(get.spec.name).toBe("GET");
    expect(get.spec.glideName).toBe("CustomCommand");
    expect(get.blockMs).toBeUndefined();
    expect(customCommand(["BLPOP", "k", "2"], undefined).blockMs).toBe(2000);
    const unknown = customCommand(["MYMODULE.DO", "x"], undefined);
    expect(unknown.spec.name).toBe("MYMODULE.DO");
    expect(unknown.spec.flags).toBe(0);
    expect(unknown.spec.parse("reply", unknown, { resp: 3 })).toBe("reply");
  });
});
