// HyperLogLog commands: PFADD, PFCOUNT, PFMERGE.
import type { GlideString } from "@petrel/protocol";
import type { Command } from "../command.js";
import { toBoolean, toNumber, toOk } from "../replies/scalars.js";
import { command, defineSpec } from "../spec.js";

const PFADD = defineSpec<boolean>("PFADD", "PfAdd", toBoolean);
const PFCOUNT = defineSpec<number>("PFCOUNT", "PfCount", toNumber);
const PFMERGE = defineSpec<"OK">("PFMERGE", "PfMerge", toOk);

export function pfadd(key: GlideString, elements: GlideString[]): Command<boolean> {
  return command(PFADD, ["PFADD", key, ...elements]);
}

export function pfcount(keys: GlideString[]): Command<number> {
  return command(PFCOUNT, ["PFCOUNT", ...keys]);
}

export function pfmerge(destination: GlideString, sourceKeys: GlideString[]): Command<"OK"> {
  return command(PFMERGE, ["PFMERGE", destination, ...sourceKeys]);
}

export const hyperLogLogCommands = { pfadd, pfcount, pfmerge };
