// HyperLogLog commands compared with a real redis-server (counts must be equal;
// the stored layout is compared after PFMERGE, where both are dense).

import { createHash } from "node:crypto";
import { differentialSuite } from "../support/differential.js";
import type { WireFrame } from "../support/wire-reader.js";

/** Compares long values by digest so a mismatch stays readable. */
const digest = (frame: WireFrame): WireFrame =>
  typeof frame === "string" ? createHash("sha1").update(frame).digest("hex") : frame;

const many = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}`);

differentialSuite("data: hyperloglog", (t) => {
  t.exact(["PFADD", "h", "a", "b", "c"]);
  t.exact(["PFADD", "h", "a"]);
  t.exact(["PFADD", "h"]);
  t.exact(["PFADD", "new"]);
  t.exact(["PFADD", "new"]);
  t.exact(["PFCOUNT", "h"]);
  t.exact(["PFCOUNT", "h"]);
  t.exact(["PFCOUNT", "missing"]);
  t.exact(["PFADD", "big", ...many("e", 1000)]);
  t.exact(["PFCOUNT", "big"]);
  t.exact(["PFADD", "big2", ...many("e", 500), ...many("x", 700)]);
  t.exact(["PFCOUNT", "big", "big2"]);
  t.exact(["PFCOUNT", "big", "missing", "h"]);
  t.exact(["PFMERGE", "merged", "big", "big2", "h"]);
  t.exact(["PFCOUNT", "merged"]);
  t.exact(["GET", "merged"], { normalize: digest });
  t.exact(["PFMERGE", "only"]);
  t.exact(["PFCOUNT", "only"]);
  t.exact(["SET", "str", "not an hll"]);
  t.error(["PFADD", "str", "a"]);
  t.error(["PFCOUNT", "str"]);
  t.error(["PFMERGE", "d", "str"]);
  t.exact(["RPUSH", "list", "a"]);
  t.error(["PFADD", "list", "a"]);
  t.error(["PFCOUNT", "h", "list"]);
  // PFDEBUG on dense HLLs (the fake's only layout; GETREG makes the server's dense too).
  t.exact(["PFDEBUG", "GETREG", "merged"]);
  t.exact(["PFDEBUG", "ENCODING", "merged"]);
  t.exact(["PFDEBUG", "TODENSE", "merged"]);
  t.error(["PFDEBUG", "DECODE", "merged"]);
  t.exact(["PFDEBUG", "getreg", "h"]);
  t.exact(["PFDEBUG", "encoding", "h"]);
  t.exact(["PFDEBUG", "todense", "h"]);
  t.exact(["PFCOUNT", "h"]);
  t.error(["PFDEBUG", "NOSUCH", "h"]);
  t.error(["PFDEBUG", "NOSUCH", "h", "extra"]);
  t.error(["PFDEBUG", "GETREG", "h", "extra"]);
  t.error(["PFDEBUG", "GETREG", "missing", "extra"]);
  t.error(["PFDEBUG", "GETREG", "missing"]);
  t.error(["PFDEBUG", "GETREG", "str"]);
  t.error(["PFDEBUG", "ENCODING"]);
});
