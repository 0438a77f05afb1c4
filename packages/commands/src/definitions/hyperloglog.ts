// HyperLogLog commands: PFADD, PFCOUNT, PFMERGE.
import type { GlideString } from "@petrel/protocol";
import type { Command } from "../command.js";
import { positional, SPREAD_LAST } from "../positional.js";
import { toBoolean, toNumber, toOk } from "../replies/scalars.js";
import { defineSpec } from "../spec.js";

export const pfadd: (key: GlideString, elements: GlideString[]) => Command<boolean> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<boolean>("PfAdd", toBoolean),
    2,
    SPREAD_LAST,
  );

export const pfcount: (keys: GlideString[]) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number>("PfCount", toNumber),
  1,
  SPREAD_LAST,
);

export const pfmerge: (destination: GlideString, sourceKeys: GlideString[]) => Command<"OK"> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<"OK">("PfMerge", toOk), 2, SPREAD_LAST);

export const hyperLogLogCommands = { pfadd, pfcount, pfmerge };
