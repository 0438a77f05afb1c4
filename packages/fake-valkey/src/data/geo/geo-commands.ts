// GEOADD, GEOPOS, GEODIST and GEOHASH on sorted sets whose scores are 52-bit
// geohashes (GEOADD is ZADD with computed scores, as on the server).

import type { ReplyFrame } from "@petrel/protocol";
import { arg, define, oneKey, readZset, token } from "../command.js";
import { Errors, fail } from "../errors.js";
import { array, bulk, bulkLatin1, NULL_ARRAY, NULL_BULK } from "../reply.js";
import { fakeSortedSetHandlers } from "../sorted-sets.js";
import type { DataCommand, DataContext } from "../types.js";
import { lonLatArgs, unitArg } from "./geo-args.js";
import { decodeScore, distance, encode, fixedDigits, humanDigits, scoreOf } from "./geohash.js";

const zadd = fakeSortedSetHandlers.find((command) => command.name === "zadd") as DataCommand;

/**
 * A coordinate as the server prints it: a bulk string in RESP2, a double in
 * RESP3, with its 17 decimals (more than a JavaScript number prints, hence raw bytes).
 */
export function coordinateFrame(value: number, resp: 2 | 3): ReplyFrame {
  const text = humanDigits(value);
  return resp === 3 ? { type: "raw", bytes: Buffer.from(`,${text}\r\n`) } : bulkLatin1(text);
}

export function positionFrame(score: number, resp: 2 | 3): ReplyFrame {
  const [lon, lat] = decodeScore(score);
  return array([coordinateFrame(lon, resp), coordinateFrame(lat, resp)]);
}

/** GEODIST's and WITHDIST's figure: four decimals in a bulk string. */
export function distanceFrame(meters: number): ReplyFrame {
  return bulkLatin1(fixedDigits(meters, 4));
}

function geoadd(ctx: DataContext, args: Buffer[]) {
  let index = 2;
  let nx = false;
  let xx = false;
  for (; index < args.length; index++) {
    const option = token(args[index]);
    if (option === "NX") nx = true;
    else if (option === "XX") xx = true;
    else if (option !== "CH") break;
  }
  if ((args.length - index) % 3 !== 0 || (nx && xx)) fail(Errors.syntax);
  if (args.length === index) fail(Errors.wrongArity("geoadd"));
  const zaddArgs: Buffer[] = [Buffer.from("zadd"), ...args.slice(1, index)];
  for (let i = index; i < args.length; i += 3) {
    const [lon, lat] = lonLatArgs(arg(args, i), arg(args, i + 1));
    zaddArgs.push(Buffer.from(String(scoreOf(lon, lat))), arg(args, i + 2));
  }
  return zadd.run(ctx, zaddArgs);
}

const GEO_ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

/** The standard 11-character geohash of a score (re-encoded on [-90, 90] latitudes). */
function geohashString(score: number): string {
  const [lon, lat] = decodeScore(score);
  const bits = encode(lon, lat, 26, { min: -180, max: 180 }, { min: -90, max: 90 }).bits;
  let out = "";
  for (let i = 0; i < 11; i++) {
    const index = i === 10 ? 0 : Number((bits >> BigInt(52 - (i + 1) * 5)) & 0x1fn);
    out += GEO_ALPHABET[index];
  }
  return out;
}

/** One reply per member: from its score, or `missing` when it is not in the set. */
function perMember(
  ctx: DataContext,
  args: Buffer[],
  missing: ReplyFrame,
  present: (score: number) => ReplyFrame,
): ReplyFrame {
  const set = readZset(ctx.db, arg(args, 1))?.value;
  return array(
    args.slice(2).map((member) => {
      const score = set?.score(member.toString("latin1"));
      return score === undefined ? missing : present(score);
    }),
  );
}

export const fakeGeoHandlers: readonly DataCommand[] = [
  define({ name: "geoadd", arity: -5, flags: ["write", "denyoom"], keys: oneKey, run: geoadd }),
  define({
    name: "geopos",
    arity: -2,
    flags: ["readonly"],
    keys: oneKey,
    run: (ctx, args) => perMember(ctx, args, NULL_ARRAY, (score) => positionFrame(score, ctx.resp)),
  }),
  define({
    name: "geodist",
    arity: -4,
    flags: ["readonly"],
    keys: oneKey,
    run(ctx, args) {
      let toMeters = 1;
      if (args.length === 5) toMeters = unitArg(args[4]);
      else if (args.length > 5) fail(Errors.syntax);
      const set = readZset(ctx.db, arg(args, 1))?.value;
      const a = set?.score(arg(args, 2).toString("latin1"));
      const b = set?.score(arg(args, 3).toString("latin1"));
      if (a === undefined || b === undefined) return NULL_BULK;
      const [lon1, lat1] = decodeScore(a);
      const [lon2, lat2] = decodeScore(b);
      return distanceFrame(distance(lon1, lat1, lon2, lat2) / toMeters);
    },
  }),
  define({
    name: "geohash",
    arity: -2,
    flags: ["readonly"],
    keys: oneKey,
    run: (ctx, args) => perMember(ctx, args, NULL_BULK, (score) => bulk(geohashString(score))),
  }),
];
