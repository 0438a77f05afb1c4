// Geospatial commands: GEOADD, GEOPOS, GEODIST, GEOHASH, GEOSEARCH, GEOSEARCHSTORE.
import type { GlideString, RespValue } from "@petrel/protocol";
import type { Command, CommandArg, DecoderOption } from "../command.js";
import type {
  GeoAddOptions,
  GeoSearchResultOptions,
  GeoSearchShape,
  GeoSearchStoreResultOptions,
  GeospatialData,
  GeoUnit,
  SearchOrigin,
} from "../options/geo.js";
import { nullable, toArrayOf, toList, toTuple } from "../replies/collections.js";
import { toFloat, toGlideString, toNullableFloat, toNumber, toText } from "../replies/scalars.js";
import type { ParseSite } from "../replies/unexpected.js";
import { command, defineSpec } from "../spec.js";

type Coordinates = [number, number];
type SearchItem = [GlideString, [number?, number?, Coordinates?]?];

const toCoordinates = (reply: RespValue, site?: ParseSite): Coordinates => {
  const [longitude, latitude] = toTuple(reply, site, 2, "[longitude, latitude]");
  return [toFloat(longitude, site), toFloat(latitude, site)];
};

interface SearchMeta {
  readonly withDist: boolean;
  readonly withHash: boolean;
  readonly withCoord: boolean;
}

/** Plain names, or [name, [dist?, hash?, [lon, lat]?]] when WITH* options were given. */
const parseSearch = (reply: RespValue, cmd: { spec: { name: string }; meta: unknown }) => {
  const meta = cmd.meta as SearchMeta | undefined;
  const detailed = meta && (meta.withDist || meta.withHash || meta.withCoord);
  return toList(reply, cmd).map((item): SearchItem => {
    if (!detailed) return toGlideString(item, cmd) as unknown as SearchItem;
    const [name, ...rest] = toList(item, cmd);
    const details: [number?, number?, Coordinates?] = [];
    let index = 0;
    if (meta.withDist) details.push(toFloat(rest[index++] ?? null, cmd));
    if (meta.withHash) details.push(toNumber(rest[index++] ?? null, cmd));
    if (meta.withCoord) details.push(toCoordinates(rest[index++] ?? null, cmd));
    return [toGlideString(name ?? null, cmd), details];
  });
};

const GEOADD = /* @__PURE__ */ defineSpec<number>("GeoAdd", toNumber);
const GEOPOS = /* @__PURE__ */ defineSpec<(Coordinates | null)[]>(
  "GeoPos",
  /* @__PURE__ */ toArrayOf(/* @__PURE__ */ nullable(toCoordinates)),
);
const GEODIST = /* @__PURE__ */ defineSpec<number | null>("GeoDist", toNullableFloat);
const GEOHASH = /* @__PURE__ */ defineSpec<(string | null)[]>(
  "GeoHash",
  /* @__PURE__ */ toArrayOf(/* @__PURE__ */ nullable(toText)),
);
const GEOSEARCH = /* @__PURE__ */ defineSpec<SearchItem[]>("GeoSearch", parseSearch);
const GEOSEARCHSTORE = /* @__PURE__ */ defineSpec<number>("GeoSearchStore", toNumber);

export const geoadd = (
  key: GlideString,
  membersToGeospatialData: Map<GlideString, GeospatialData>,
  options?: GeoAddOptions,
): Command<number> => {
  const args: CommandArg[] = ["GEOADD", key];
  if (options?.updateMode !== undefined) args.push(options.updateMode);
  if (options?.changed) args.push("CH");
  for (const [member, { longitude, latitude }] of membersToGeospatialData) {
    args.push(longitude, latitude, member);
  }
  return command(GEOADD, args);
};

export const geopos = (key: GlideString, members: GlideString[]): Command<(Coordinates | null)[]> =>
  command(GEOPOS, ["GEOPOS", key, ...members]);

export const geodist = (
  key: GlideString,
  member1: GlideString,
  member2: GlideString,
  options?: { unit?: GeoUnit },
): Command<number | null> => {
  const args: CommandArg[] = ["GEODIST", key, member1, member2];
  if (options?.unit !== undefined) args.push(options.unit);
  return command(GEODIST, args);
};

export const geohash = (key: GlideString, members: GlideString[]): Command<(string | null)[]> =>
  command(GEOHASH, ["GEOHASH", key, ...members]);

const originArgs = (origin: SearchOrigin): CommandArg[] => {
  if ("member" in origin) return ["FROMMEMBER", origin.member];
  return ["FROMLONLAT", origin.position.longitude, origin.position.latitude];
};

const shapeArgs = (shape: GeoSearchShape): CommandArg[] => {
  if ("radius" in shape) return ["BYRADIUS", shape.radius, shape.unit];
  return ["BYBOX", shape.width, shape.height, shape.unit];
};

const resultArgs = (options: GeoSearchResultOptions & GeoSearchStoreResultOptions = {}) => {
  const args: CommandArg[] = [];
  if (options.withCoord) args.push("WITHCOORD");
  if (options.withDist) args.push("WITHDIST");
  if (options.withHash) args.push("WITHHASH");
  if (options.storeDist) args.push("STOREDIST");
  // As GLIDE: COUNT only when non-zero, ANY only with it.
  if (options.count) {
    args.push("COUNT", options.count);
    if (options.isAny) args.push("ANY");
  }
  if (options.sortOrder !== undefined) args.push(options.sortOrder);
  return args;
};

export const geosearch = (
  key: GlideString,
  searchFrom: SearchOrigin,
  searchBy: GeoSearchShape,
  options?: GeoSearchResultOptions & DecoderOption,
): Command<SearchItem[]> => {
  const args = ["GEOSEARCH", key, ...originArgs(searchFrom), ...shapeArgs(searchBy)];
  const meta: SearchMeta = {
    withDist: options?.withDist ?? false,
    withHash: options?.withHash ?? false,
    withCoord: options?.withCoord ?? false,
  };
  return command(GEOSEARCH, [...args, ...resultArgs(options)], options?.decoder, { meta });
};

export const geosearchstore = (
  destination: GlideString,
  source: GlideString,
  searchFrom: SearchOrigin,
  searchBy: GeoSearchShape,
  options?: GeoSearchStoreResultOptions,
): Command<number> =>
  command(GEOSEARCHSTORE, [
    "GEOSEARCHSTORE",
    destination,
    source,
    ...originArgs(searchFrom),
    ...shapeArgs(searchBy),
    ...resultArgs(options),
  ]);

export const geoCommands = { geoadd, geopos, geodist, geohash, geosearch, geosearchstore };
