import { describe, expect, it } from "vitest";
import * as pubsub from "./pubsub.js";
import { parseBoth, respMap } from "./test-support/both-protocols.js";

describe("pubsub arguments", () => {
  it.each([
    ["publish (message, channel)", pubsub.publish("hello", "news"), ["PUBLISH", "news", "hello"]],
    ["publish cluster", pubsub.publishCluster("hi", "ch"), ["PUBLISH", "ch", "hi"]],
    ["spublish", pubsub.publishCluster("hi", "ch", true), ["SPUBLISH", "ch", "hi"]],
    ["channels", pubsub.pubsubChannels(), ["PUBSUB", "CHANNELS"]],
    ["channels pattern", pubsub.pubsubChannels({ pattern: "n*" }), ["PUBSUB", "CHANNELS", "n*"]],
    ["numpat", pubsub.pubsubNumPat(), ["PUBSUB", "NUMPAT"]],
    ["numsub", pubsub.pubsubNumSub(["a", "b"]), ["PUBSUB", "NUMSUB", "a", "b"]],
    ["shardchannels", pubsub.pubsubShardChannels(), ["PUBSUB", "SHARDCHANNELS"]],
    ["shardnumsub", pubsub.pubsubShardNumSub(["a"]), ["PUBSUB", "SHARDNUMSUB", "a"]],
  ])("%s", (_name, cmd, args) => {
    expect(cmd.args).toEqual(args);
  });

  it("SPUBLISH routes by its channel", () => {
    expect(pubsub.publishCluster("m", "c", true).spec.keys.kind).toBe("range");
  });
});

describe("pubsub replies (RESP2 = RESP3)", () => {
  it("numsub: flat array or map into {channel, numSub} entries", () => {
    const result = parseBoth(
      pubsub.pubsubNumSub(["a", "b"]),
      ["a", 1, "b", 0],
      respMap(["a", 1], ["b", 0]),
    );
    expect(result.resp2).toEqual([
      { channel: "a", numSub: 1 },
      { channel: "b", numSub: 0 },
    ]);
    expect(result.resp3).toEqual(result.resp2);
  });

  it("channels and counts", () => {
    expect(parseBoth(pubsub.pubsubChannels(), ["a"], ["a"]).resp3).toEqual(["a"]);
    expect(parseBoth(pubsub.publish("m", "c"), 2, 2)).toEqual({ resp2: 2, resp3: 2 });
  });
});
