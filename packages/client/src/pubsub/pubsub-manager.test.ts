import { ConfigurationError, RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { checkSubscriptions, namesOf } from "./pubsub-manager.js";
import { PubSubChannelModes } from "./types.js";

describe("namesOf", () => {
  it("accepts any iterable of strings and Buffers", () => {
    expect(namesOf(new Set(["a", "b"]), "channels")).toEqual(["a", "b"]);
    expect(namesOf([Buffer.from("x")], "channels")).toEqual([Buffer.from("x")]);
  });

  it.each([
    [null, /iterable/],
    ["abc", /iterable/],
    [[], /must not be empty/],
    [[1], /strings or Buffers/],
  ])("refuses %j", (value, message) => {
    expect(() => namesOf(value, "channels")).toThrow(RequestError);
    expect(() => namesOf(value, "channels")).toThrow(message);
  });
});

describe("checkSubscriptions", () => {
  it("accepts GLIDE's shape and undefined", () => {
    const subscriptions = {
      channelsAndPatterns: { [PubSubChannelModes.Exact]: new Set(["a"]) },
      callback: () => undefined,
    };
    expect(checkSubscriptions(subscriptions)).toBe(subscriptions);
    expect(checkSubscriptions(undefined)).toBeUndefined();
  });

  it.each([
    [null],
    [{}],
    [{ channelsAndPatterns: { 2: new Set(["s"]) } }],
    [{ channelsAndPatterns: { 0: ["a"] } }],
    [{ channelsAndPatterns: {}, callback: "no" }],
  ])("refuses %j", (value) => {
    expect(() => checkSubscriptions(value)).toThrow(ConfigurationError);
  });
});
