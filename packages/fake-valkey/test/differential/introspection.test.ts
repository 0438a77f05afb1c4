// The commands that report on the server itself, compared with redis-server
// 7.0: every container's HELP, OBJECT's subcommands and their errors, MEMORY
// STATS/DOCTOR/MALLOC-STATS/PURGE (shapes: the figures are estimates),
// LATENCY HISTOGRAM/GRAPH (shapes: the timings are the fake's), LOLWUT,
// CONFIG REWRITE's arity, PFSELFTEST, and the CLUSTER subcommands outside a cluster.

import { expect } from "vitest";
import { differentialSuite } from "../support/differential.js";
import type { WireFrame } from "../support/wire-reader.js";

/** A frame with every string payload blanked: RESP types and structure only. */
function shape(frame: WireFrame): WireFrame {
  if (frame === null) return null;
  if (typeof frame === "string") return frame.startsWith("=") ? "=txt" : frame.slice(0, 1);
  if (Array.isArray(frame)) return frame.map(shape);
  if ("map" in frame)
    return { map: frame.map.map(([key, value]) => [key, shape(value)] as [WireFrame, WireFrame]) };
  if ("set" in frame) return { set: frame.set.map(shape) };
  return frame;
}

const sameShape = (fake: WireFrame, real: WireFrame) => expect(shape(fake)).toEqual(shape(real));

differentialSuite("introspection", (t) => {
  t.exact(["CLIENT", "HELP"]);
  t.exact(["CLUSTER", "HELP"]);
  t.exact(["COMMAND", "HELP"]);
  t.exact(["CONFIG", "HELP"]);
  t.exact(["FUNCTION", "HELP"]);
  t.exact(["LATENCY", "HELP"]);
  t.exact(["MEMORY", "HELP"]);
  t.exact(["OBJECT", "HELP"]);
  t.exact(["PUBSUB", "HELP"]);
  t.exact(["SCRIPT", "HELP"]);
  t.exact(["SLOWLOG", "HELP"]);
  t.exact(["XGROUP", "HELP"]);
  t.exact(["XINFO", "HELP"]);
  t.exact(["OBJECT", "HELP", "extra"]);
  t.exact(["SET", "s", "abc"]);
  t.exact(["OBJECT", "ENCODING", "s"]);
  t.exact(["OBJECT", "ENCODING", "missing"]);
  t.exact(["OBJECT", "ENCODING"]);
  t.exact(["OBJECT", "ENCODING", "s", "extra"]);
  t.exact(["OBJECT", "NOSUCH", "s"]);
  t.exact(["OBJECT", "FREQ", "s"]);
  t.exact(["OBJECT", "FREQ", "missing"]);
  t.exact(["OBJECT", "REFCOUNT", "s"]);
  t.exact(["OBJECT", "IDLETIME", "s"]);
  t.exact(["MEMORY", "PURGE"]);
  t.exact(["MEMORY", "PURGE", "x"]);
  t.exact(["MEMORY", "DOCTOR"]);
  t.exact(["MEMORY", "DOCTOR", "x"]);
  t.exact(["MEMORY", "STATS", "x"]);
  t.check(["MEMORY", "STATS"], sameShape);
  t.check(["MEMORY", "MALLOC-STATS"], sameShape);
  t.exact(["MEMORY", "NOSUCH"]);
  t.exact(["LOLWUT", "VERSION", "x"]);
  t.check(["LOLWUT", "VERSION", "9"], sameShape);
  t.exact(["CONFIG", "REWRITE", "x"]);
  t.exact(["PFSELFTEST"]);
  t.exact(["PFSELFTEST", "x"]);
  t.exact(["CLUSTER", "REPLICAS", "abc"]);
  t.exact(["CLUSTER", "SLAVES", "abc"]);
  t.exact(["CLUSTER", "LINKS"]);
  t.exact(["CLUSTER", "COUNT-FAILURE-REPORTS", "abc"]);
  t.exact(["LATENCY", "HISTOGRAM", "nosuch"]);
  t.exact(["LATENCY", "HISTOGRAM", "lpush"]);
  t.check(["LATENCY", "HISTOGRAM", "set"], (fake, real) => {
    // The buckets hold the servers' own timings: compare the calls and that
    // the last cumulative count is all of them.
    const summary = (frame: WireFrame) => {
      const text = JSON.stringify(frame);
      return [text.match(/"\$calls",":(\d+)"/)?.[1], [...text.matchAll(/":(\d+)"/g)].pop()?.[1]];
    };
    expect(summary(fake)).toEqual(summary(real));
    expect(summary(fake)[0]).toEqual(summary(fake)[1]);
  });
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "set", "a", "b"]);
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "set", "a", "b", "NX", "GET"]);
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "bitfield", "a", "GET", "u8", "0"]);
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "bitfield", "a", "INCRBY", "u8", "0", "1"]);
  t.exact([
    "COMMAND",
    "GETKEYSANDFLAGS",
    "migrate",
    "h",
    "1",
    "",
    "0",
    "1",
    "AUTH",
    "p",
    "KEYS",
    "a",
  ]);
  t.exact(["COMMAND", "GETKEYS", "migrate", "h", "1", "", "0", "100", "KEYS", "a", "b"]);
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "lmove", "a", "b", "left", "right"]);
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "zunionstore", "d", "2", "a", "b"]);
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "sort", "a", "by", "x", "store", "b"]);
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "migrate", "h", "1", "", "0", "100", "KEYS", "a", "b"]);
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "migrate", "h", "1", "k", "0", "100"]);
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "eval", "return 1", "2", "a", "b"]);
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "georadius", "g", "0", "0", "1", "km", "STORE", "d"]);
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "object", "encoding", "k"]);
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "get"]);
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "nosuch", "a"]);
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "ping", "a"]);
  t.exact(["COMMAND", "GETKEYSANDFLAGS", "get", "a", "b"]);
  t.exact(["LATENCY", "GRAPH", "nosuch"]);
  t.exact(["LATENCY", "GRAPH"]);
});
