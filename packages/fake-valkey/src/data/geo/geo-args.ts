// Argument parsing shared by the geo commands: coordinates, distances with
// units, and boxes, with the server's error texts.

import { doubleArg, token } from "../command.js";
import { fail } from "../errors.js";
import { fixedDigits, LAT_MAX, LAT_MIN, LONG_MAX, LONG_MIN } from "./geohash.js";

/** Meters per unit. */
const UNITS: Readonly<Record<string, number>> = { M: 1, KM: 1000, FT: 0.3048, MI: 1609.34 };

export function unitArg(raw: Buffer | undefined): number {
  const meters = UNITS[token(raw)];
  if (meters === undefined) fail("ERR unsupported unit provided. please use M, KM, FT, MI");
  return meters;
}

/** A longitude, latitude pair within Valkey's limits. */
export function lonLatArgs(lon: Buffer, lat: Buffer): [number, number] {
  const x = doubleArg(lon);
  const y = doubleArg(lat);
  if (x < LONG_MIN || x > LONG_MAX || y < LAT_MIN || y > LAT_MAX)
    fail(`ERR invalid longitude,latitude pair ${fixedDigits(x, 6)},${fixedDigits(y, 6)}`);
  return [x, y];
}

export function radiusArgs(
  radius: Buffer,
  unit: Buffer | undefined,
): { radius: number; conversion: number } {
  const value = doubleArg(radius, "ERR need numeric radius");
  if (value < 0) fail("ERR radius cannot be negative");
  return { radius: value, conversion: unitArg(unit) };
}

export function boxArgs(
  width: Buffer,
  height: Buffer,
  unit: Buffer | undefined,
): { width: number; height: number; conversion: number } {
  const w = doubleArg(width, "ERR need numeric width");
  const h = doubleArg(height, "ERR need numeric height");
  if (w < 0 || h < 0) fail("ERR height or width cannot be negative");
  return { width: w, height: h, conversion: unitArg(unit) };
}
