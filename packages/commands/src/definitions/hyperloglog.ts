// HyperLogLog commands: PFADD, PFCOUNT, PFMERGE.
import type { GlideString } from "@petrel/protocol";
import type { Command } from "../command.js";
import { positional, SPREAD_LAST } from "../positional.js";
import { toBoolean, toNumber, toOk } from "../replies/scalars.js";
import { defineSpec } from "../spec.js";

const PFADD = defineSpec<boolean>("PfAdd", toBoolean);
const PFCOUNT = defineSpec<number>("PfCount", toNumber);
const PFMERGE = defineSpec<"OK">("PfMerge", toOk);

export const pfadd: (key: GlideString, elements: GlideString[]) => Command<boolean> = positional(
  PFADD,
  2,
  SPREAD_LAST,
);

export const pfcount: (keys: GlideString[]) => Command<number> = positional(
  PFCOUNT,
  1,
  SPREAD_LAST,
);

export const pfmerge: (destination: GlideString, sourceKeys: GlideString[]) => Command<"OK"> =
  positional(PFMERGE, 2, SPREAD_LAST);

export const hyperLogLogCommands = { pfadd, pfcount, pfmerge };
