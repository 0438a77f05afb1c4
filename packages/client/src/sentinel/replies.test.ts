import { RequestError, type RespValue } from "@petrel/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  concernsPrimary,
  healthyInstances,
  instanceFields,
  instanceOfEvent,
  parseSwitch,
  primaryAddressOf,
  primaryOfEvent,
} from "./replies.js";

const field = fc.stringMatching(/^[a-z-]{1,12}$/);
const value = fc.stringMatching(/^[\w.,:-]{0,16}$/);

describe("Sentinel replies", () => {
  it("reads an instance from a RESP2 flat array and a RESP3 map alike", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(field, value), { selector: ([key]) => key }), (pairs) => {
        const flat = pairs.flat();
        const map = pairs.map(([key, text]) => ({ key, value: text }));
        const expected = new Map(pairs);
        expect(instanceFields(flat)).toEqual(expected);
        expect(instanceFields(map as RespValue)).toEqual(expected);
      }),
    );
  });

  it("keeps replicas and sentinels that are not down or disconnected", () => {
    const entry = (port: number, flags: string) => [
      "ip",
      "10.0.0.1",
      "port",
      String(port),
      "flags",
      flags,
    ];
    const reply = [
      entry(1, "slave"),
      entry(2, "s_down,slave"),
      entry(3, "slave,disconnected"),
      entry(4, "o_down,slave"),
      entry(5, "sentinel"),
      ["ip", "10.0.0.1", "flags", "slave"],
    ];
    expect(healthyInstances(reply)).toEqual([
      { host: "10.0.0.1", port: 1 },
      { host: "10.0.0.1", port: 5 },
    ]);
    expect(healthyInstances(null)).toEqual([]);
  });

  it("reads GET-MASTER-ADDR-BY-NAME: an address, nil for an unknown name, errors thrown", () => {
    expect(primaryAddressOf(["127.0.0.1", "6380"])).toEqual({ host: "127.0.0.1", port: 6380 });
    expect(primaryAddressOf([Buffer.from("::1"), Buffer.from("7000")])).toEqual({
      host: "::1",
      port: 7000,
    });
    expect(primaryAddressOf(null)).toBeUndefined();
    expect(primaryAddressOf(["127.0.0.1", "zero"])).toBeUndefined();
    expect(() => primaryAddressOf(new RequestError("ERR no"))).toThrow("ERR no");
  });

  it("reads +switch-master and tells whose instance events concern", () => {
    expect(parseSwitch("petrel 127.0.0.1 6379 127.0.0.1 6380")).toEqual({
      primaryName: "petrel",
      primary: { host: "127.0.0.1", port: 6380 },
    });
    expect(parseSwitch("petrel 127.0.0.1 6379")).toBeUndefined();
    expect(parseSwitch("petrel a 1 b x")).toBeUndefined();
    const sdown = "slave 127.0.0.1:6380 127.0.0.1 6380 @ petrel 127.0.0.1 6379";
    expect(concernsPrimary(sdown, "petrel")).toBe(true);
    expect(concernsPrimary(sdown, "other")).toBe(false);
    expect(concernsPrimary("master petrel 127.0.0.1 6379", "petrel")).toBe(true);
    expect(concernsPrimary("master petrel2 127.0.0.1 6379", "petrel")).toBe(false);
    expect(primaryOfEvent(sdown)).toEqual({ host: "127.0.0.1", port: 6379 });
    expect(primaryOfEvent("master petrel 127.0.0.1 6379")).toBeUndefined();
    expect(primaryOfEvent("slave a 1.2.3.4 5 @ petrel 1.2.3.4 x")).toBeUndefined();
  });

  it("reads the promoted replica's own address from a promotion event", () => {
    const promoted = "slave 127.0.0.1:6380 127.0.0.1 6380 @ petrel 127.0.0.1 6379";
    expect(instanceOfEvent(promoted)).toEqual({ host: "127.0.0.1", port: 6380 });
    expect(instanceOfEvent("slave a 127.0.0.1 none @ petrel 127.0.0.1 6379")).toBeUndefined();
    expect(instanceOfEvent("slave a")).toBeUndefined();
  });
});
