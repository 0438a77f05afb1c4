// Streams compared with a real redis-server: IDs, trimming, ranges, reads
// (blocking ones included), consumer groups, claims and XINFO. Clock readings
// (idle times, delivery times) are blanked before comparing.

import { differentialSuite, valkey8 } from "../support/differential.js";
import type { WireFrame } from "../support/wire-reader.js";

/** Blanks integers that read the clock: XPENDING's idle, XINFO's idle/seen/delivery times. */
function blankTimes(frame: WireFrame): WireFrame {
  const timeFields = new Set(["$idle", "$inactive", "$seen-time", "$active-time"]);
  const walk = (value: WireFrame, parentKey?: WireFrame): WireFrame => {
    if (Array.isArray(value)) {
      // XPENDING extended entries: [id, consumer, idle, deliveries].
      if (
        value.length === 4 &&
        typeof value[0] === "string" &&
        /^\$\d+-\d+$/.test(value[0]) &&
        typeof value[2] === "string" &&
        value[2].startsWith(":")
      )
        return [value[0], walk(value[1] as WireFrame), ":T", value[3] as WireFrame];
      // XINFO FULL consumer PEL entries: [id, delivery time, deliveries].
      if (
        value.length === 3 &&
        typeof value[0] === "string" &&
        /^\$\d+-\d+$/.test(value[0]) &&
        typeof value[1] === "string" &&
        value[1].startsWith(":")
      )
        return [value[0], ":T", value[2] as WireFrame];
      const out: WireFrame[] = [];
      for (let i = 0; i < value.length; i++) {
        const item = value[i] as WireFrame;
        const previous = i > 0 ? value[i - 1] : undefined;
        out.push(
          typeof previous === "string" && timeFields.has(previous) ? ":T" : walk(item, parentKey),
        );
      }
      return out;
    }
    if (value !== null && typeof value === "object" && "map" in value)
      return {
        map: value.map.map(([k, v]) => [
          k,
          typeof k === "string" && timeFields.has(k) ? ":T" : walk(v),
        ]),
      };
    return value;
  };
  return walk(frame);
}

const timeless = { normalize: blankTimes };

/** Valkey 8 (Redis 7.2) added consumers' active-time and XINFO CONSUMERS' inactive. */
function withoutActiveTime(frame: WireFrame): WireFrame {
  const drop = new Set(["$active-time", "$inactive"]);
  const walk = (value: WireFrame): WireFrame => {
    if (Array.isArray(value)) {
      const out: WireFrame[] = [];
      for (let i = 0; i < value.length; i++) {
        if (typeof value[i] === "string" && drop.has(value[i] as string)) {
          i++;
          continue;
        }
        out.push(walk(value[i] as WireFrame));
      }
      return out;
    }
    if (value !== null && typeof value === "object" && "map" in value)
      return {
        map: value.map
          .filter(([k]) => !(typeof k === "string" && drop.has(k)))
          .map(([k, v]) => [k, walk(v)]),
      };
    return value;
  };
  return blankTimes(walk(frame));
}

const consumerShape = { normalize: withoutActiveTime };

differentialSuite("data: streams", (t) => {
  // IDs and XADD's errors.
  t.exact(["XADD", "s", "1-1", "a", "1"]);
  t.exact(["XADD", "s", "1-2", "b", "2", "c", "3"]);
  t.exact(["XADD", "s", "1-*", "d", "4"]);
  t.exact(["XADD", "s", "2", "e", "5"]);
  t.error(["XADD", "s", "2-0", "x", "1"]);
  t.error(["XADD", "s", "1-*", "x", "1"]);
  t.error(["XADD", "s", "0-0", "x", "1"]);
  t.error(["XADD", "new", "0-0", "x", "1"]);
  t.exact(["XADD", "new", "0-*", "x", "1"]);
  t.error(["XADD", "s", "-", "x", "1"]);
  t.error(["XADD", "s", "1-x", "x", "1"]);
  t.error(["XADD", "s", "1-2-3", "x", "1"]);
  t.error(["XADD", "s", "18446744073709551616-0", "x", "1"]);
  t.error(["XADD", "s", "3-0", "a"]);
  t.error(["XADD", "s", "3-0", "a", "1", "b"]);
  t.error(["XADD", "s", "MAXLEN", "1", "LIMIT", "5", "*", "a", "1"]);
  t.error(["XADD", "s", "LIMIT", "5", "*", "a", "1"]);
  t.error(["XADD", "s", "MAXLEN", "1", "MINID", "0", "*", "a", "1"]);
  t.error(["XADD", "s", "MAXLEN", "-1", "*", "a", "1"]);
  t.error(["XADD", "s", "MAXLEN", "~", "1", "LIMIT", "-1", "*", "a", "1"]);
  t.error(["XADD", "s", "MINID", "x", "*", "a", "1"]);
  t.exact(["XADD", "nos", "NOMKSTREAM", "5-0", "a", "1"]);
  t.exact(["EXISTS", "nos"]);
  t.exact(["XLEN", "s"]);
  t.exact(["XLEN", "missing"]);
  t.exact(["SET", "str", "v"]);
  t.error(["XADD", "str", "1-1", "a", "1"]);
  t.error(["XLEN", "str"]);
  t.error(["XRANGE", "str", "-", "+"]);
  t.exact(["TYPE", "s"]);
  t.exact(["OBJECT", "ENCODING", "s"]);
  // Ranges.
  t.exact(["XRANGE", "s", "-", "+"]);
  t.exact(["XRANGE", "s", "-", "+", "COUNT", "2"]);
  t.exact(["XRANGE", "s", "-", "+", "COUNT", "0"]);
  t.exact(["XRANGE", "s", "-", "+", "COUNT", "-1"]);
  t.exact(["XRANGE", "s", "(1-1", "+"]);
  t.exact(["XRANGE", "s", "-", "(1-2"]);
  t.exact(["XRANGE", "s", "1", "1"]);
  t.exact(["XRANGE", "s", "2", "+"]);
  t.exact(["XRANGE", "s", "+", "-"]);
  t.exact(["XRANGE", "missing", "-", "+"]);
  t.error(["XRANGE", "s", "(18446744073709551615-18446744073709551615", "+"]);
  t.error(["XRANGE", "s", "-", "(0-0"]);
  t.error(["XRANGE", "s", "(-", "+"]);
  t.error(["XRANGE", "s", "x", "+"]);
  t.error(["XRANGE", "s", "-", "+", "COUNT"]);
  t.error(["XRANGE", "s", "-", "+", "COUNT", "x"]);
  t.error(["XRANGE", "s", "-", "+", "BOGUS", "1"]);
  t.exact(["XREVRANGE", "s", "+", "-"]);
  t.exact(["XREVRANGE", "s", "+", "-", "COUNT", "2"]);
  t.exact(["XREVRANGE", "s", "(2-0", "(1-1"]);
  t.exact(["XREVRANGE", "s", "1-2", "1-2"]);
  // XDEL and the counters behind it.
  t.exact(["XDEL", "s", "1-2", "9-9"]);
  t.error(["XDEL", "s", "1-1", "bad"]);
  t.exact(["XDEL", "missing", "1-1"]);
  t.exact(["XRANGE", "s", "-", "+"]);
  t.exact(["XINFO", "STREAM", "s"]);
  // Trimming, exact and approximate, with nodes of 100 entries.
  for (let i = 1; i <= 250; i++) t.run(["XADD", "big", `${i}-0`, "f", String(i)]);
  t.exact(["XINFO", "STREAM", "big"]);
  t.exact(["XTRIM", "big", "MAXLEN", "~", "120"]);
  t.exact(["XLEN", "big"]);
  t.exact(["XTRIM", "big", "MAXLEN", "~", "120"]);
  t.exact(["XTRIM", "big", "MAXLEN", "=", "140"]);
  t.exact(["XLEN", "big"]);
  t.exact(["XTRIM", "big", "MINID", "~", "205"]);
  t.exact(["XTRIM", "big", "MINID", "205"]);
  t.exact(["XRANGE", "big", "-", "+", "COUNT", "1"]);
  t.exact(["XINFO", "STREAM", "big"]);
  t.exact(["XTRIM", "big", "MAXLEN", "~", "0", "LIMIT", "10"]);
  t.exact(["XTRIM", "big", "MAXLEN", "0"]);
  t.exact(["XINFO", "STREAM", "big"]);
  t.exact(["EXISTS", "big"]);
  t.exact(["XTRIM", "missing", "MAXLEN", "0"]);
  t.error(["XTRIM", "s", "LIMIT", "5"]);
  t.error(["XTRIM", "s", "MAXLEN", "-1"]);
  t.error(["XTRIM", "s", "MAXLEN", "1", "LIMIT", "5"]);
  t.error(["XTRIM", "s", "BOGUS", "1"]);
  t.exact(["XADD", "capped", "MAXLEN", "2", "1-0", "a", "1"]);
  t.exact(["XADD", "capped", "MAXLEN", "2", "2-0", "a", "1"]);
  t.exact(["XADD", "capped", "MAXLEN", "=", "2", "3-0", "a", "1"]);
  t.exact(["XADD", "capped", "MINID", "3", "4-0", "a", "1"]);
  t.exact(["XRANGE", "capped", "-", "+"]);
  // XSETID.
  t.exact(["XSETID", "capped", "10-0"]);
  t.error(["XSETID", "capped", "1-0"]);
  t.error(["XSETID", "missing", "1-0"]);
  t.error(["XSETID", "capped", "20-0", "ENTRIESADDED", "1"]);
  t.error(["XSETID", "capped", "20-0", "ENTRIESADDED", "-1"]);
  t.error(["XSETID", "capped", "20-0", "MAXDELETEDID", "30-0"]);
  t.error(["XSETID", "capped", "20-0", "BOGUS"]);
  t.exact(["XSETID", "capped", "20-0", "ENTRIESADDED", "50", "MAXDELETEDID", "15-0"]);
  t.exact(["XINFO", "STREAM", "capped"]);
  t.error(["XADD", "capped", "19-0", "a", "1"]);
  // XREAD.
  t.exact(["XREAD", "STREAMS", "s", "0"]);
  t.exact(["XREAD", "COUNT", "1", "STREAMS", "s", "capped", "0", "0"]);
  t.exact(["XREAD", "STREAMS", "s", "$"]);
  t.exact(["XREAD", "STREAMS", "missing", "0"]);
  t.exact(["XREAD", "STREAMS", "s", "missing", "1-1", "0"]);
  t.error(["XREAD", "STREAMS", "s"]);
  t.error(["XREAD", "STREAMS", "s", "x"]);
  t.error(["XREAD", "COUNT", "x", "STREAMS", "s", "0"]);
  t.error(["XREAD", "BLOCK", "-1", "STREAMS", "s", "0"]);
  t.error(["XREAD", "BLOCK", "x", "STREAMS", "s", "0"]);
  t.error(["XREAD", "GROUP", "g", "c", "STREAMS", "s", "0"]);
  t.error(["XREAD", "NOACK", "STREAMS", "s", "0"]);
  t.error(["XREAD", "STREAMS", "s", ">"]);
  t.error(["XREAD", "BOGUS", "STREAMS", "s", "0"]);
  t.error(["XREAD", "STREAMS", "str", "0"]);
  t.exact(["XREAD", "BLOCK", "10", "STREAMS", "s", "$"]);
  // Connections that block are opened first, so the server reads their request before the write.
  t.on("reader").exact(["PING"]);
  t.on("worker").exact(["PING"]);
  t.on("reader").send(["XREAD", "BLOCK", "0", "STREAMS", "s", "$"]);
  t.exact(["XADD", "s", "5-0", "woke", "1"]);
  t.on("reader").receive();
  t.on("reader").send(["XREAD", "BLOCK", "0", "STREAMS", "fresh", "$"]);
  t.exact(["XADD", "fresh", "1-0", "first", "1"]);
  t.on("reader").receive();
  // Consumer groups.
  t.exact(["XGROUP", "CREATE", "s", "g", "$"]);
  t.exact(["XGROUP", "CREATE", "s", "g0", "0"]);
  t.exact(["XGROUP", "CREATE", "s", "g3", "0", "ENTRIESREAD", "3"]);
  t.error(["XGROUP", "CREATE", "s", "g", "0"]);
  t.error(["XGROUP", "CREATE", "s", "g4", "0", "ENTRIESREAD", "-2"]);
  t.error(["XGROUP", "CREATE", "s", "g4", "0", "BOGUS"]);
  t.error(["XGROUP", "CREATE", "s", "g4", "x"]);
  t.error(["XGROUP", "CREATE", "missing", "g", "$"]);
  t.error(["XGROUP", "CREATE", "str", "g", "$"]);
  t.exact(["XGROUP", "CREATE", "made", "g", "$", "MKSTREAM"]);
  t.exact(["XINFO", "STREAM", "made"]);
  t.error(["XGROUP", "CREATE", "s", "g"]);
  t.exact(["XINFO", "GROUPS", "s"]);
  t.exact(["XADD", "s", "6-0", "late", "1"]);
  t.exact(["XINFO", "GROUPS", "s"]);
  t.exact(["XREADGROUP", "GROUP", "g0", "alice", "COUNT", "2", "STREAMS", "s", ">"]);
  t.exact(["XREADGROUP", "GROUP", "g0", "bob", "STREAMS", "s", ">"]);
  t.exact(["XREADGROUP", "GROUP", "g0", "bob", "STREAMS", "s", ">"]);
  t.exact(["XREADGROUP", "GROUP", "g0", "alice", "STREAMS", "s", "0"]);
  t.exact(["XREADGROUP", "GROUP", "g0", "alice", "COUNT", "1", "STREAMS", "s", "1-1"]);
  t.exact(["XREADGROUP", "GROUP", "g", "carol", "NOACK", "STREAMS", "s", ">"]);
  t.exact(["XINFO", "GROUPS", "s"]);
  t.exact(["XPENDING", "s", "g0"]);
  t.exact(["XPENDING", "s", "g"]);
  t.exact(["XPENDING", "s", "g0", "-", "+", "10"], timeless);
  t.exact(["XPENDING", "s", "g0", "-", "+", "1"], timeless);
  t.exact(["XPENDING", "s", "g0", "(1-1", "+", "10", "bob"], timeless);
  t.exact(["XPENDING", "s", "g0", "-", "+", "10", "nobody"]);
  t.exact(["XPENDING", "s", "g0", "IDLE", "999999", "-", "+", "10"]);
  t.exact(["XPENDING", "s", "g0", "IDLE", "0", "-", "+", "10"], timeless);
  t.error(["XPENDING", "s", "g0", "-", "+"]);
  t.error(["XPENDING", "s", "g0", "IDLE", "10", "-", "+"]);
  t.error(["XPENDING", "s", "g0", "-", "+", "x"]);
  t.error(["XPENDING", "s", "nogroup"]);
  t.error(["XPENDING", "missing", "g"]);
  t.error(["XREADGROUP", "GROUP", "nogroup", "c", "STREAMS", "s", ">"]);
  t.error(["XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "$"]);
  t.error(["XREADGROUP", "STREAMS", "s", ">"]);
  t.error(["XREADGROUP", "GROUP", "g", "c", "STREAMS", "s"]);
  // Acknowledging and claiming.
  t.exact(["XACK", "s", "g0", "1-1", "9-9"]);
  t.exact(["XACK", "s", "g0", "1-1"]);
  t.error(["XACK", "s", "g0", "bad"]);
  t.exact(["XACK", "s", "nogroup", "1-1"]);
  t.exact(["XACK", "missing", "g", "1-1"]);
  t.exact(["XCLAIM", "s", "g0", "carol", "0", "1-3", "2-0", "JUSTID"]);
  t.exact(["XCLAIM", "s", "g0", "dave", "0", "1-3", "RETRYCOUNT", "7"]);
  t.exact(["XCLAIM", "s", "g0", "dave", "999999", "2-0"]);
  t.exact(["XCLAIM", "s", "g0", "dave", "0", "6-0", "IDLE", "5000"]);
  t.exact(["XCLAIM", "s", "g0", "dave", "0", "9-9", "FORCE"]);
  t.exact(["XCLAIM", "s", "g0", "erin", "0", "1-1", "FORCE", "LASTID", "7-0"]);
  t.exact(["XPENDING", "s", "g0", "-", "+", "10"], timeless);
  t.error(["XCLAIM", "s", "g0", "dave", "x", "1-3"]);
  t.error(["XCLAIM", "s", "g0", "dave", "0", "1-3", "IDLE", "x"]);
  t.error(["XCLAIM", "s", "g0", "dave", "0", "1-3", "TIME", "x"]);
  t.error(["XCLAIM", "s", "g0", "dave", "0", "1-3", "RETRYCOUNT", "x"]);
  t.error(["XCLAIM", "s", "g0", "dave", "0", "1-3", "BOGUS"]);
  t.error(["XCLAIM", "s", "g0", "dave", "0", "1-3", "LASTID", "x"]);
  t.error(["XCLAIM", "s", "nogroup", "dave", "0", "1-3"]);
  t.exact(["XDEL", "s", "2-0"]);
  t.exact(["XAUTOCLAIM", "s", "g0", "frank", "0", "0", "COUNT", "2"]);
  t.exact(["XAUTOCLAIM", "s", "g0", "frank", "0", "0", "JUSTID"]);
  t.exact(["XAUTOCLAIM", "s", "g0", "frank", "999999", "0"]);
  t.exact(["XAUTOCLAIM", "s", "g0", "frank", "0", "(1-3"]);
  t.error(["XAUTOCLAIM", "s", "g0", "frank", "0", "0", "COUNT", "0"]);
  t.error(["XAUTOCLAIM", "s", "g0", "frank", "x", "0"]);
  t.error(["XAUTOCLAIM", "s", "g0", "frank", "0", "0", "BOGUS"]);
  t.error(["XAUTOCLAIM", "s", "nogroup", "frank", "0", "0"]);
  t.exact(["XREADGROUP", "GROUP", "g0", "frank", "STREAMS", "s", "0"]);
  t.exact(["XINFO", "CONSUMERS", "s", "g0"], consumerShape);
  t.exact(["XINFO", "STREAM", "s", "FULL"], consumerShape);
  t.exact(["XINFO", "STREAM", "s", "FULL", "COUNT", "1"], consumerShape);
  t.exact(["XINFO", "STREAM", "s", "FULL", "COUNT", "0"], consumerShape);
  t.error(["XINFO", "STREAM", "s", "FULL", "COUNT"]);
  t.error(["XINFO", "STREAM", "s", "BOGUS"]);
  t.error(["XINFO", "STREAM", "missing"]);
  t.error(["XINFO", "GROUPS", "missing"]);
  t.error(["XINFO", "CONSUMERS", "s", "nogroup"]);
  t.error(["XINFO", "STREAM", "str"]);
  t.error(["XINFO", "BOGUS", "s"]);
  // Group management.
  t.exact(["XGROUP", "SETID", "s", "g0", "0"]);
  t.exact(["XGROUP", "SETID", "s", "g0", "$", "ENTRIESREAD", "2"]);
  t.error(["XGROUP", "SETID", "s", "g0", "0", "ENTRIESREAD", "-5"]);
  t.error(["XGROUP", "SETID", "s", "g0", "0", "BOGUS", "1"]);
  t.error(["XGROUP", "SETID", "s", "nogroup", "0"]);
  t.error(["XGROUP", "SETID", "missing", "g", "0"]);
  t.exact(["XINFO", "GROUPS", "s"]);
  t.exact(["XGROUP", "CREATECONSUMER", "s", "g0", "zed"]);
  t.exact(["XGROUP", "CREATECONSUMER", "s", "g0", "zed"]);
  t.error(["XGROUP", "CREATECONSUMER", "s", "nogroup", "zed"]);
  t.exact(["XGROUP", "DELCONSUMER", "s", "g0", "frank"]);
  t.exact(["XGROUP", "DELCONSUMER", "s", "g0", "nobody"]);
  t.exact(["XPENDING", "s", "g0"]);
  t.exact(["XGROUP", "DESTROY", "s", "g3"]);
  t.exact(["XGROUP", "DESTROY", "s", "g3"]);
  t.error(["XGROUP", "DESTROY", "missing", "g3"]);
  t.error(["XGROUP", "BOGUS", "s", "g"]);
  // Blocking group reads, woken by XADD, and ended by a destroyed group.
  t.on("worker").send(["XREADGROUP", "GROUP", "g0", "w", "BLOCK", "0", "STREAMS", "s", ">"]);
  t.exact(["XADD", "s", "8-0", "job", "1"]);
  t.on("worker").receive();
  t.on("worker").send(["XREADGROUP", "GROUP", "g0", "w", "BLOCK", "0", "STREAMS", "s", ">"]);
  t.exact(["XGROUP", "DESTROY", "s", "g0"]);
  t.on("worker").receive();
  t.on("worker").exact(["XREADGROUP", "GROUP", "g", "w", "BLOCK", "10", "STREAMS", "s", ">"]);
  t.exact(["MULTI"]);
  t.exact(["XREAD", "BLOCK", "0", "STREAMS", "s", "$"]);
  t.exact(["EXEC"]);
  t.exact(["COPY", "s", "s-copy"]);
  t.exact(["XINFO", "GROUPS", "s-copy"]);
  t.exact(["DEL", "s"]);
  t.exact(["EXISTS", "s"]);
});

differentialSuite("data: an empty stream stays", (t) => {
  t.exact(["XADD", "e", "1-0", "a", "1"]);
  t.exact(["XDEL", "e", "1-0"]);
  t.exact(["EXISTS", "e"]);
  t.exact(["XINFO", "STREAM", "e"]);
  t.exact(["XADD", "e", "1-*", "a", "1"]);
  t.exact(["XTRIM", "e", "MAXLEN", "0"]);
  t.exact(["XINFO", "STREAM", "e"]);
  t.exact(["XGROUP", "CREATE", "e", "g", "0"]);
  t.exact(["XINFO", "GROUPS", "e"]);
  t.exact(["XADD", "e", "3-0", "b", "2"]);
  t.exact(["XINFO", "GROUPS", "e"]);
  t.exact(["XREADGROUP", "GROUP", "g", "c", "STREAMS", "e", ">"]);
  t.exact(["XINFO", "GROUPS", "e"]);
  t.exact(["XINFO", "CONSUMERS", "e", "g"], consumerShape);
  t.exact(["XADD", "e", "*", "auto", "1"], { normalize: () => "id" });
});

void valkey8;
