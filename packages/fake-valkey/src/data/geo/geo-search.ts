// GEOSEARCH, GEOSEARCHSTORE and the deprecated GEORADIUS family: the server's
// option parsing and errors, its scan of the centre cell and neighbours (so
// unsorted results come in the server's order), ANY, COUNT, ASC/DESC, and the
// WITHDIST/WITHHASH/WITHCOORD and STORE/STOREDIST outputs.

import type { ReplyFrame } from "@petrel/protocol";
import { arg, define, intArg, readZset, storeResult, token } from "../command.js";
import { Errors, fail } from "../errors.js";
import { array, bulkLatin1, EMPTY_ARRAY, integer } from "../reply.js";
import { SortedSet } from "../sorted-set.js";
import type { DataCommand, DataContext } from "../types.js";
import { boxArgs, lonLatArgs, radiusArgs } from "./geo-args.js";
import { coordinateFrame, distanceFrame } from "./geo-commands.js";
import { align52, decodeScore, distanceIfInside, type Shape, searchCells } from "./geohash.js";

type Variant =
  | { readonly kind: "radius"; readonly readOnly: boolean }
  | { readonly kind: "radiusByMember"; readonly readOnly: boolean }
  | { readonly kind: "search"; readonly store: boolean };

interface Found {
  readonly member: string;
  readonly score: number;
  readonly lon: number;
  readonly lat: number;
  readonly dist: number;
}

function memberPosition(set: SortedSet, member: Buffer): [number, number] {
  const score = set.score(member.toString("latin1"));
  if (score === undefined) fail("ERR could not decode requested zset member");
  return decodeScore(score);
}

function search(ctx: DataContext, args: Buffer[], variant: Variant): ReplyFrame {
  const sourceIndex = variant.kind === "search" && variant.store ? 2 : 1;
  const set = readZset(ctx.db, arg(args, sourceIndex))?.value;
  let base: number;
  let center: [number, number] | undefined;
  let within:
    | { radius: number; conversion: number }
    | { width: number; height: number; conversion: number }
    | undefined;
  let storeKey: Buffer | undefined;
  let storeDist = false;
  if (variant.kind === "radius") {
    base = 6;
    center = lonLatArgs(arg(args, 2), arg(args, 3));
    within = radiusArgs(arg(args, 4), args[5]);
  } else if (variant.kind === "radiusByMember") {
    base = 5;
    if (set !== undefined) {
      center = memberPosition(set, arg(args, 2));
      within = radiusArgs(arg(args, 3), args[4]);
    }
  } else {
    base = variant.store ? 3 : 2;
    if (variant.store) storeKey = arg(args, 1);
  }
  let withDist = false;
  let withHash = false;
  let withCoord = false;
  let fromMember = false;
  let fromLonLat = false;
  let byRadius = false;
  let byBox = false;
  let sort: "none" | "asc" | "desc" = "none";
  let any = false;
  let count = 0;
  const isSearch = variant.kind === "search";
  const noStore = variant.kind !== "search" && variant.readOnly;
  const remaining = args.length - base;
  for (let i = 0; i < remaining; i++) {
    const at = base + i;
    const option = token(args[at]);
    if (option === "WITHDIST") withDist = true;
    else if (option === "WITHHASH") withHash = true;
    else if (option === "WITHCOORD") withCoord = true;
    else if (option === "ANY") any = true;
    else if (option === "ASC") sort = "asc";
    else if (option === "DESC") sort = "desc";
    else if (option === "COUNT" && i + 1 < remaining) {
      count = intArg(arg(args, at + 1));
      if (count <= 0) fail("ERR COUNT must be > 0");
      i++;
    } else if (
      (option === "STORE" || option === "STOREDIST") &&
      i + 1 < remaining &&
      !noStore &&
      !isSearch
    ) {
      storeKey = arg(args, at + 1);
      storeDist = option === "STOREDIST";
      i++;
    } else if (option === "STOREDIST" && isSearch && variant.store) storeDist = true;
    else if (option === "FROMMEMBER" && i + 1 < remaining && isSearch && !fromLonLat) {
      if (set !== undefined) center = memberPosition(set, arg(args, at + 1));
      fromMember = true;
      i++;
    } else if (option === "FROMLONLAT" && i + 2 < remaining && isSearch && !fromMember) {
      center = lonLatArgs(arg(args, at + 1), arg(args, at + 2));
      fromLonLat = true;
      i += 2;
    } else if (option === "BYRADIUS" && i + 2 < remaining && isSearch && !byBox) {
      within = radiusArgs(arg(args, at + 1), args[at + 2]);
      byRadius = true;
      i += 2;
    } else if (option === "BYBOX" && i + 3 < remaining && isSearch && !byRadius) {
      within = boxArgs(arg(args, at + 1), arg(args, at + 2), args[at + 3]);
      byBox = true;
      i += 3;
    } else fail(Errors.syntax);
  }
  const name = arg(args, 0).toString("latin1");
  if (storeKey !== undefined && (withDist || withHash || withCoord)) {
    fail(
      `ERR ${isSearch ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS"} is not compatible with WITHDIST, WITHHASH and WITHCOORD options`,
    );
  }
  if (isSearch && !(fromMember || fromLonLat))
    fail(`ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for ${name}`);
  if (isSearch && !(byRadius || byBox))
    fail(`ERR exactly one of BYRADIUS and BYBOX can be specified for ${name}`);
  if (any && count === 0) fail("ERR the ANY argument requires COUNT argument");
  if (set === undefined || center === undefined || within === undefined) {
    if (storeKey === undefined) return EMPTY_ARRAY;
    storeResult(ctx, storeKey, { type: "zset", value: new SortedSet() }, "z", storeEvent(isSearch));
    return integer(0);
  }
  if (count !== 0 && sort === "none" && !any) sort = "asc";
  const shape: Shape =
    "radius" in within
      ? { kind: "radius", xy: center, ...within }
      : { kind: "box", xy: center, ...within };
  const found = scan(set, shape, any ? count : 0);
  if (found.length === 0 && storeKey === undefined) return EMPTY_ARRAY;
  if (sort !== "none") {
    const direction = sort === "asc" ? 1 : -1;
    found.sort((a, b) => direction * (a.dist - b.dist));
  }
  const returned = count === 0 ? found : found.slice(0, count);
  if (storeKey === undefined) {
    const options = Number(withDist) + Number(withHash) + Number(withCoord);
    return array(
      returned.map((item) => {
        const member = bulkLatin1(item.member);
        if (options === 0) return member;
        const parts: ReplyFrame[] = [member];
        if (withDist) parts.push(distanceFrame(item.dist / shape.conversion));
        if (withHash) parts.push(integer(item.score));
        if (withCoord)
          parts.push(
            array([coordinateFrame(item.lon, ctx.resp), coordinateFrame(item.lat, ctx.resp)]),
          );
        return array(parts);
      }),
    );
  }
  const stored = SortedSet.from(
    returned.map((item) => ({
      member: item.member,
      score: storeDist ? item.dist / shape.conversion : item.score,
    })),
  );
  // An empty result deletes the destination (`del`), as the server does.
  storeResult(ctx, storeKey, { type: "zset", value: stored }, "z", storeEvent(isSearch));
  return integer(returned.length);
}

/** The event a stored search publishes on its destination. */
function storeEvent(isSearch: boolean): string {
  return isSearch ? "geosearchstore" : "georadiusstore";
}

/** Members inside the shape, cell by cell in the server's order; `limit` (ANY) stops early. */
function scan(set: SortedSet, shape: Shape, limit: number): Found[] {
  const found: Found[] = [];
  const entries = set.entries();
  for (const cell of searchCells(shape)) {
    if (limit > 0 && found.length >= limit) break;
    const min = align52(cell);
    const max = align52({ bits: cell.bits + 1n, step: cell.step });
    for (const { member, score } of entries) {
      if (score < min || score >= max) continue;
      if (limit > 0 && found.length >= limit) break;
      const [lon, lat] = decodeScore(score);
      const dist = distanceIfInside(shape, lon, lat);
      if (dist !== undefined) found.push({ member, score, lon, lat, dist });
    }
  }
  return found;
}

/** GEORADIUS's keys: the source and any STORE/STOREDIST target. */
function radiusKeys(args: Buffer[]): number[] {
  const positions = [1];
  for (let i = 2; i < args.length - 1; i++) {
    const option = token(args[i]);
    if (option === "STORE" || option === "STOREDIST") {
      positions.push(i + 1);
      i++;
    }
  }
  return positions;
}

export const fakeGeoSearchHandlers: readonly DataCommand[] = [
  define({
    name: "georadius",
    arity: -6,
    flags: ["write", "denyoom"],
    keys: radiusKeys,
    run: (ctx, args) => search(ctx, args, { kind: "radius", readOnly: false }),
  }),
  define({
    name: "georadius_ro",
    arity: -6,
    flags: ["readonly"],
    keys: { first: 1, last: 1, step: 1 },
    run: (ctx, args) => search(ctx, args, { kind: "radius", readOnly: true }),
  }),
  define({
    name: "georadiusbymember",
    arity: -5,
    flags: ["write", "denyoom"],
    keys: radiusKeys,
    run: (ctx, args) => search(ctx, args, { kind: "radiusByMember", readOnly: false }),
  }),
  define({
    name: "georadiusbymember_ro",
    arity: -5,
    flags: ["readonly"],
    keys: { first: 1, last: 1, step: 1 },
    run: (ctx, args) => search(ctx, args, { kind: "radiusByMember", readOnly: true }),
  }),
  define({
    name: "geosearch",
    arity: -7,
    flags: ["readonly"],
    keys: { first: 1, last: 1, step: 1 },
    run: (ctx, args) => search(ctx, args, { kind: "search", store: false }),
  }),
  define({
    name: "geosearchstore",
    arity: -8,
    flags: ["write", "denyoom"],
    keys: { first: 1, last: 2, step: 1 },
    run: (ctx, args) => search(ctx, args, { kind: "search", store: true }),
  }),
];
