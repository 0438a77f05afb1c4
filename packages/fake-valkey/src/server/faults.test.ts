import { describe, expect, it } from "vitest";
import { NodeFaults } from "./faults.js";

describe("NodeFaults", () => {
  it("injects a reply for a command a given number of times", () => {
    const faults = new NodeFaults();
    faults.inject({ command: "GET", count: 2 }, "TRYAGAIN later");
    expect(faults.take("set")).toBeUndefined();
    expect(faults.take("get")?.frame).toEqual({ type: "error", value: "TRYAGAIN later" });
    expect(faults.pendingInjections).toBe(1);
    expect(faults.take("get")?.frame).toEqual({ type: "error", value: "TRYAGAIN later" });
    expect(faults.take("get")).toBeUndefined();
  });

  it("matches every command, or every subcommand of a container", () => {
    const faults = new NodeFaults();
    faults.inject({ command: "cluster", count: 1 }, { type: "simple", value: "X" });
    expect(faults.take("cluster|slots")).toEqual({
      frame: { type: "simple", value: "X" },
      before: false,
    });
    faults.inject({ count: 1 }, "LOADING");
    expect(faults.take("ping")?.frame).toEqual({ type: "error", value: "LOADING" });
    expect(() => faults.inject({ count: 0 }, "x")).toThrow(RangeError);
    faults.inject({ count: 1, before: true }, { type: "push", value: [] });
    expect(faults.take("get")).toEqual({ frame: { type: "push", value: [] }, before: true });
  });
});
