// DUMP and RESTORE compared with a real redis-server: options, TTLs, errors.
// Payloads are built with the fake's encoder and redis-server 7.0's RDB
// version (10), so both servers read the same bytes
// (test/rdb/dump-restore.test.ts crosses real dumps both ways).

import { SortedSet } from "../../src/data/sorted-set.js";
import type { Entry } from "../../src/data/types.js";
import { crc64 } from "../../src/rdb/crc64.js";
import { sealPayload } from "../../src/rdb/payload.js";
import { writeValue } from "../../src/rdb/value.js";
import { CLOCK_TOLERANCE, differentialSuite } from "../support/differential.js";

/** A payload holding `entry`, sealed with RDB version `version`. */
function payload(entry: Entry, version = 10): Buffer {
  return sealPayload(writeValue(entry), version);
}

const STRING = payload({ type: "string", value: Buffer.from("restored") });
const LIST = payload({ type: "list", value: [Buffer.from("a"), Buffer.from("b")] });
const ZSET = payload({ type: "zset", value: SortedSet.from([{ member: "m", score: 2.5 }]) });
const corrupt = Buffer.from(STRING);
corrupt[2] = (corrupt[2] as number) ^ 0x20;
const truncated = (() => {
  const out = Buffer.from([0x00, 0x05, 0x61, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
  out.writeBigUInt64LE(crc64(out.subarray(0, 5)), 5);
  return out;
})();
const TTL = CLOCK_TOLERANCE.get("ttl") ?? 1;

differentialSuite("data: dump and restore", (t) => {
  t.exact(["DUMP", "missing"]);
  t.exact(["RESTORE", "s", "0", STRING]);
  t.exact(["GET", "s"]);
  t.exact(["TYPE", "s"]);
  t.exact(["RESTORE", "s", "0", STRING]);
  t.exact(["RESTORE", "s", "0", LIST, "REPLACE"]);
  t.exact(["LRANGE", "s", "0", "-1"]);
  t.exact(["RESTORE", "z", "0", ZSET]);
  t.exact(["ZRANGE", "z", "0", "-1", "WITHSCORES"]);
  t.exact(["RESTORE", "t", "5000", STRING]);
  t.approx(["PTTL", "t"], TTL * 1000);
  t.exact(["RESTORE", "abs", String(Date.now() + 100_000), STRING, "ABSTTL"]);
  t.approx(["TTL", "abs"], TTL);
  t.exact(["RESTORE", "past", "1000", STRING, "ABSTTL"]);
  t.exact(["EXISTS", "past"]);
  t.exact(["SET", "gone", "x"]);
  t.exact(["RESTORE", "gone", "1000", STRING, "ABSTTL", "REPLACE"]);
  t.exact(["EXISTS", "gone"]);
  t.exact(["RESTORE", "idle", "0", STRING, "IDLETIME", "100"]);
  t.exact(["RESTORE", "idle2", "0", STRING, "FREQ", "5"]);
  t.exact(["OBJECT", "IDLETIME", "idle"]);
  t.exact(["OBJECT", "FREQ", "idle2"]);
  t.exact(["GET", "idle"]);
  t.exact(["RESTORE", "both", "0", STRING, "IDLETIME", "5", "FREQ", "5"]);
  t.exact(["RESTORE", "both", "0", STRING, "FREQ", "5", "IDLETIME", "5"]);
  // Under an LFU policy FREQ sets the counter, IDLETIME is ignored and OBJECT IDLETIME refuses.
  t.exact(["CONFIG", "SET", "maxmemory-policy", "allkeys-lfu"]);
  t.exact(["RESTORE", "freq", "0", STRING, "FREQ", "100"]);
  t.exact(["OBJECT", "FREQ", "freq"]);
  t.exact(["OBJECT", "IDLETIME", "freq"]);
  t.exact(["SET", "fresh", "v"]);
  t.exact(["OBJECT", "FREQ", "fresh"]);
  t.exact(["GET", "fresh"]);
  t.exact(["OBJECT", "FREQ", "fresh"]);
  t.exact(["RESTORE", "lfuidle", "0", STRING, "IDLETIME", "100"]);
  t.exact(["OBJECT", "FREQ", "lfuidle"]);
  t.exact(["CONFIG", "SET", "lfu-log-factor", "-1"]);
  t.exact(["CONFIG", "GET", "lfu-decay-time"]);
  // Switching back leaves LFU data in the server's LRU field: lfuidle's IDLETIME is not compared.
  t.exact(["CONFIG", "SET", "maxmemory-policy", "allkeys-lru"]);
  t.exact(["RESTORE", "lruidle", "0", STRING, "IDLETIME", "100", "REPLACE"]);
  t.exact(["OBJECT", "IDLETIME", "lruidle"]);
  t.exact(["OBJECT", "FREQ", "lruidle"]);
  t.exact(["CONFIG", "SET", "maxmemory-policy", "noeviction"]);
  // Errors.
  t.exact(["RESTORE", "e", "-1", STRING]);
  t.exact(["RESTORE", "e", "abc", STRING]);
  t.exact(["RESTORE", "e", "0", STRING, "BOGUS"]);
  t.exact(["RESTORE", "e", "0", STRING, "IDLETIME", "-1"]);
  t.exact(["RESTORE", "e", "0", STRING, "FREQ", "256"]);
  t.exact(["RESTORE", "e", "0", STRING, "IDLETIME"]);
  t.exact(["RESTORE", "e", "0", corrupt]);
  t.exact(["RESTORE", "e", "0", payload({ type: "string", value: Buffer.from("v") }, 12)]);
  t.exact(["RESTORE", "e", "0", "short"]);
  t.exact(["RESTORE", "e", "0", truncated]);
  t.exact(["RESTORE", "e", "0"]);
  t.exact(["RESTORE-ASKING", "e", "0", "not a payload"]);
  t.exact(["RESTORE-ASKING", "asked", "0", STRING]);
  t.exact(["GET", "asked"]);
  t.exact(["DUMP"]);
  t.exact(["EXISTS", "e"]);
  // MIGRATE's checks before it connects (test/rdb/migrate.test.ts migrates).
  t.exact(["MIGRATE", "127.0.0.1", "1", "missing", "0", "100"]);
  t.exact(["MIGRATE", "127.0.0.1", "1", "", "0", "100", "KEYS", "missing", "absent"]);
  t.exact(["MIGRATE", "127.0.0.1", "1", "s", "0", "100", "KEYS", "s"]);
  t.exact(["MIGRATE", "127.0.0.1", "1", "s", "x", "100"]);
  t.exact(["MIGRATE", "127.0.0.1", "1", "s", "0", "100", "BOGUS"]);
  t.exact(["MIGRATE", "127.0.0.1", "1", "s", "0"]);
});
