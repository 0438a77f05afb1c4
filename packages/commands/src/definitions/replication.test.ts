import { describe, expect, it } from "vitest";
import * as replication from "./replication.js";
import { parseBoth } from "./test-support/both-protocols.js";

describe("replication arguments", () => {
  it.each([
    ["failover", replication.failover(), ["FAILOVER"]],
    [
      "failover to, force, timeout",
      replication.failover({ to: { host: "h", port: 6380, force: true }, timeoutMs: 500 }),
      ["FAILOVER", "TO", "h", 6380, "FORCE", "TIMEOUT", 500],
    ],
    ["failover abort", replication.failover({ abort: true }), ["FAILOVER", "ABORT"]],
    ["replicaof", replication.replicaof("h", 6380), ["REPLICAOF", "h", 6380]],
    ["replicaofNoOne", replication.replicaofNoOne(), ["REPLICAOF", "NO", "ONE"]],
  ])("%s", (_name, cmd, args) => {
    expect(cmd.args).toEqual(args);
  });

  it("leaves FORCE without a timeout to the server, and sends ABORT alone, as GLIDE does", () => {
    expect(replication.failover({ to: { host: "h", port: 1, force: true } }).args).toEqual([
      "FAILOVER",
      "TO",
      "h",
      1,
      "FORCE",
    ]);
    expect(replication.failover({ abort: true, timeoutMs: 5 }).args).toEqual(["FAILOVER", "ABORT"]);
  });

  it("replies OK under both protocols", () => {
    expect(parseBoth(replication.replicaofNoOne(), "OK", "OK")).toEqual({
      resp2: "OK",
      resp3: "OK",
    });
  });
});
