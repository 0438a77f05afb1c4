// Valkey's geohash: 52-bit scores interleaving 26 bits of longitude
// ([-180, 180]) and latitude ([-85.05112878, 85.05112878], the Web Mercator
// limits), the cell-centre decode, the haversine distance on its Earth
// radius, the search areas (a cell and its eight neighbours at a step fitted
// to the radius), and printf's exact decimal rounding for the digits it
// prints. Scores are below 2^52, so plain numbers hold them exactly.

export const LONG_MIN = -180;
export const LONG_MAX = 180;
export const LAT_MIN = -85.05112878;
export const LAT_MAX = 85.05112878;
export const STEP_MAX = 26;
const EARTH_RADIUS_IN_METERS = 6372797.560856;
const MERCATOR_MAX = 20037726.37;
const D_R = Math.PI / 180;

export interface HashBits {
  readonly bits: bigint;
  readonly step: number;
}

interface Range {
  readonly min: number;
  readonly max: number;
}

export interface Area {
  readonly longitude: Range;
  readonly latitude: Range;
}

const WGS84_LONG: Range = { min: LONG_MIN, max: LONG_MAX };
const WGS84_LAT: Range = { min: LAT_MIN, max: LAT_MAX };

function spread(value: bigint): bigint {
  let out = 0n;
  for (let i = 0n; i < 32n; i++) out |= ((value >> i) & 1n) << (2n * i);
  return out;
}

function squash(value: bigint): bigint {
  let out = 0n;
  for (let i = 0n; i < 32n; i++) out |= ((value >> (2n * i)) & 1n) << i;
  return out;
}

/** Latitude bits in even positions, longitude bits in odd ones. */
function interleave(lat: bigint, lon: bigint): bigint {
  return spread(lat) | (spread(lon) << 1n);
}

export function encode(
  longitude: number,
  latitude: number,
  step: number,
  longRange: Range = WGS84_LONG,
  latRange: Range = WGS84_LAT,
): HashBits {
  const latOffset = ((latitude - latRange.min) / (latRange.max - latRange.min)) * 2 ** step;
  const longOffset = ((longitude - longRange.min) / (longRange.max - longRange.min)) * 2 ** step;
  // C converts to uint32 by truncation.
  const lat = BigInt(Math.trunc(latOffset)) & 0xffffffffn;
  const lon = BigInt(Math.trunc(longOffset)) & 0xffffffffn;
  return { bits: interleave(lat, lon), step };
}

export function decode(hash: HashBits, longRange = WGS84_LONG, latRange = WGS84_LAT): Area {
  const lat = Number(squash(hash.bits));
  const lon = Number(squash(hash.bits >> 1n));
  const cells = 2 ** hash.step;
  const latScale = latRange.max - latRange.min;
  const longScale = longRange.max - longRange.min;
  return {
    latitude: {
      min: latRange.min + (lat / cells) * latScale,
      max: latRange.min + ((lat + 1) / cells) * latScale,
    },
    longitude: {
      min: longRange.min + (lon / cells) * longScale,
      max: longRange.min + ((lon + 1) / cells) * longScale,
    },
  };
}

/** The [longitude, latitude] a score stands for: its cell's centre, clamped. */
export function decodeScore(score: number): [number, number] {
  const area = decode({ bits: BigInt(score), step: STEP_MAX });
  const lon = Math.min(LONG_MAX, Math.max(LONG_MIN, (area.longitude.min + area.longitude.max) / 2));
  const lat = Math.min(LAT_MAX, Math.max(LAT_MIN, (area.latitude.min + area.latitude.max) / 2));
  return [lon, lat];
}

/** A cell aligned to 52 bits (a score). */
export function align52(hash: HashBits): number {
  return Number(hash.bits << BigInt(52 - hash.step * 2));
}

export function scoreOf(longitude: number, latitude: number): number {
  return align52(encode(longitude, latitude, STEP_MAX));
}

const EVEN = 0x5555555555555555n;
const ODD = 0xaaaaaaaaaaaaaaaan;
const U64 = 0xffffffffffffffffn;

function move(hash: HashBits, d: number, xAxis: boolean): HashBits {
  if (d === 0) return hash;
  const shift = BigInt(64 - hash.step * 2);
  const moving = hash.bits & (xAxis ? ODD : EVEN);
  const fixed = hash.bits & (xAxis ? EVEN : ODD);
  const zz = (xAxis ? EVEN : ODD) >> shift;
  let value = d > 0 ? moving + (zz + 1n) : (moving | zz) - (zz + 1n);
  value = value & U64 & ((xAxis ? ODD : EVEN) >> shift);
  return { bits: value | fixed, step: hash.step };
}

function neighbour(hash: HashBits, dx: number, dy: number): HashBits {
  return move(move(hash, dx, true), dy, false);
}

export function latDistance(lat1: number, lat2: number): number {
  return EARTH_RADIUS_IN_METERS * Math.abs(lat2 * D_R - lat1 * D_R);
}

/** Haversine distance in meters, as the server computes it. */
export function distance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const lon1r = lon1 * D_R;
  const lon2r = lon2 * D_R;
  const v = Math.sin((lon2r - lon1r) / 2);
  if (v === 0) return latDistance(lat1, lat2);
  const lat1r = lat1 * D_R;
  const lat2r = lat2 * D_R;
  const u = Math.sin((lat2r - lat1r) / 2);
  const a = u * u + Math.cos(lat1r) * Math.cos(lat2r) * v * v;
  return 2 * EARTH_RADIUS_IN_METERS * Math.asin(Math.sqrt(a));
}

export type Shape =
  | {
      readonly kind: "radius";
      readonly xy: [number, number];
      readonly conversion: number;
      readonly radius: number;
    }
  | {
      readonly kind: "box";
      readonly xy: [number, number];
      readonly conversion: number;
      readonly width: number;
      readonly height: number;
    };

/** The distance of a point from the centre when it lies inside the shape. */
export function distanceIfInside(shape: Shape, lon: number, lat: number): number | undefined {
  const [x, y] = shape.xy;
  if (shape.kind === "radius") {
    const d = distance(x, y, lon, lat);
    return d > shape.radius * shape.conversion ? undefined : d;
  }
  if (latDistance(lat, y) > (shape.height * shape.conversion) / 2) return undefined;
  if (distance(lon, lat, x, lat) > (shape.width * shape.conversion) / 2) return undefined;
  return distance(x, y, lon, lat);
}

function estimateSteps(rangeMeters: number, lat: number): number {
  if (rangeMeters === 0) return 26;
  let step = 1;
  let range = rangeMeters;
  while (range < MERCATOR_MAX) {
    range *= 2;
    step++;
  }
  step -= 2;
  if (lat > 66 || lat < -66) {
    step--;
    if (lat > 80 || lat < -80) step--;
  }
  return Math.min(26, Math.max(1, step));
}

function boundingBox(shape: Shape): [number, number, number, number] {
  const [longitude, latitude] = shape.xy;
  const height = shape.conversion * (shape.kind === "radius" ? shape.radius : shape.height / 2);
  const width = shape.conversion * (shape.kind === "radius" ? shape.radius : shape.width / 2);
  const latDelta = height / EARTH_RADIUS_IN_METERS / D_R;
  const longDeltaTop = width / EARTH_RADIUS_IN_METERS / Math.cos((latitude + latDelta) * D_R) / D_R;
  const longDeltaBottom =
    width / EARTH_RADIUS_IN_METERS / Math.cos((latitude - latDelta) * D_R) / D_R;
  const southern = latitude < 0;
  return [
    southern ? longitude - longDeltaBottom : longitude - longDeltaTop,
    latitude - latDelta,
    southern ? longitude + longDeltaBottom : longitude + longDeltaTop,
    latitude + latDelta,
  ];
}

/**
 * The cells to scan, in the server's order (centre, N, S, E, W, NE, NW, SE,
 * SW), with those the shape cannot reach left out.
 */
export function searchCells(shape: Shape): HashBits[] {
  const [minLon, minLat, maxLon, maxLat] = boundingBox(shape);
  const [longitude, latitude] = shape.xy;
  let radius =
    shape.kind === "radius"
      ? shape.radius
      : Math.sqrt((shape.width / 2) ** 2 + (shape.height / 2) ** 2);
  radius *= shape.conversion;
  let steps = estimateSteps(radius, latitude);
  const cellsAt = (step: number) => {
    const hash = encode(longitude, latitude, step);
    return {
      hash,
      area: decode(hash),
      north: neighbour(hash, 0, 1),
      south: neighbour(hash, 0, -1),
      east: neighbour(hash, 1, 0),
      west: neighbour(hash, -1, 0),
      northEast: neighbour(hash, 1, 1),
      northWest: neighbour(hash, -1, 1),
      southEast: neighbour(hash, 1, -1),
      southWest: neighbour(hash, -1, -1),
    };
  };
  let cells = cellsAt(steps);
  const tooCoarse =
    decode(cells.north).latitude.max < maxLat ||
    decode(cells.south).latitude.min > minLat ||
    decode(cells.east).longitude.max < maxLon ||
    decode(cells.west).longitude.min > minLon;
  if (steps > 1 && tooCoarse) {
    steps--;
    cells = cellsAt(steps);
  }
  const skip = new Set<string>();
  if (steps >= 2) {
    if (cells.area.latitude.min < minLat)
      for (const n of ["south", "southWest", "southEast"]) skip.add(n);
    if (cells.area.latitude.max > maxLat)
      for (const n of ["north", "northEast", "northWest"]) skip.add(n);
    if (cells.area.longitude.min < minLon)
      for (const n of ["west", "southWest", "northWest"]) skip.add(n);
    if (cells.area.longitude.max > maxLon)
      for (const n of ["east", "southEast", "northEast"]) skip.add(n);
  }
  const order = [
    "north",
    "south",
    "east",
    "west",
    "northEast",
    "northWest",
    "southEast",
    "southWest",
  ] as const;
  const out: HashBits[] = [cells.hash];
  let last: HashBits | undefined = cells.hash;
  for (const name of order) {
    if (skip.has(name)) continue;
    const cell = cells[name];
    // Huge radii make neighbours coincide: a cell equal to the last one scanned is skipped.
    if (last !== undefined && cell.bits === last.bits && cell.step === last.step && out.length > 1)
      continue;
    out.push(cell);
    last = cell;
  }
  return out;
}

/**
 * printf("%.<digits>f") of a double: its exact binary value rounded half to
 * even, as glibc prints it.
 */
export function fixedDigits(value: number, digits: number): string {
  if (value === 0)
    return (Object.is(value, -0) ? "-" : "") + (digits > 0 ? `0.${"0".repeat(digits)}` : "0");
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let exponent: number;
  if (exponentBits === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = exponentBits - 1075;
  }
  const scale = 10n ** BigInt(digits);
  let numerator = mantissa * scale;
  let denominator = 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  let quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder * 2n > denominator || (remainder * 2n === denominator && (quotient & 1n) === 1n))
    quotient += 1n;
  const text = quotient.toString().padStart(digits + 1, "0");
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits);
  return `${negative ? "-" : ""}${whole}${digits > 0 ? `.${fraction}` : ""}`;
}

/** The server's "human" long double: %.17Lf with trailing zeros (and a bare point) removed. */
export function humanDigits(value: number): string {
  let text = fixedDigits(value, 17);
  if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
  return text === "-0" ? "0" : text;
}
