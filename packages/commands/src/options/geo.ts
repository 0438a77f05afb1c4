// Options of the geospatial commands.
import type { GlideString } from "@petrel/protocol";
import type { SortOrder } from "./generic.js";
import type { ConditionalChange } from "./sorted-sets.js";

export interface GeospatialData {
  longitude: number;
  latitude: number;
}

export interface GeoAddOptions {
  /** Only update existing members (XX) or only add new ones (NX). */
  updateMode?: ConditionalChange;
  /** Count changed members too, not only added ones (CH). */
  changed?: boolean;
}

export enum GeoUnit {
  METERS = "m",
  KILOMETERS = "km",
  MILES = "mi",
  FEET = "ft",
}

interface GeoSearchCommonResultOptions {
  sortOrder?: SortOrder;
  /** At most this many results (COUNT). */
  count?: number;
  /** Return as soon as `count` matches are found (ANY); needs `count`. */
  isAny?: boolean;
}

export type GeoSearchResultOptions = GeoSearchCommonResultOptions & {
  withCoord?: boolean;
  withDist?: boolean;
  withHash?: boolean;
};

export type GeoSearchStoreResultOptions = GeoSearchCommonResultOptions & {
  /** Store distances instead of geohashes as scores (STOREDIST). */
  storeDist?: boolean;
};

export interface GeoCircleShape {
  radius: number;
  unit: GeoUnit;
}

export interface GeoBoxShape {
  width: number;
  height: number;
  unit: GeoUnit;
}

export type GeoSearchShape = GeoCircleShape | GeoBoxShape;

export interface CoordOrigin {
  position: GeospatialData;
}

export interface MemberOrigin {
  member: GlideString;
}

export type SearchOrigin = CoordOrigin | MemberOrigin;
