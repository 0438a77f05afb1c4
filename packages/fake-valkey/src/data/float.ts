// Number parsing and formatting exactly as the server does it: strict integer
// parsing (string2ll), strict doubles (strtod without spaces or NaN), `%.17g`
// for scores, and INCRBYFLOAT's long-double "human" format (`%.17Lf` without
// trailing zeros), emulated with exact decimal arithmetic.

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** string2ll: optional '-', digits, no leading zeros, no spaces, int64 range. */
export function parseInt64(bytes: Buffer | string): bigint | undefined {
  const text = typeof bytes === "string" ? bytes : bytes.toString("latin1");
  if (!/^(0|-?[1-9][0-9]*)$/.test(text)) return undefined;
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX) return undefined;
  return value;
}

export function inInt64Range(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}

const DECIMAL = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/;
const INFINITY = /^([+-]?)(inf|infinity)$/i;

/** strtod's hexadecimal form (0x1.8p3); undefined when not one. */
function parseHexDouble(text: string): number | undefined {
  const match = HEX.exec(text);
  if (!match) return undefined;
  const [, sign, whole = "", fraction = "", exponent = "0"] = match;
  if (whole.length + fraction.length === 0) return undefined;
  const mantissa = Number.parseInt(`${whole}${fraction}` || "0", 16);
  const value = mantissa * 2 ** (Number(exponent) - 4 * fraction.length);
  return sign === "-" ? -value : value;
}

/** strtod over the whole text: decimal, hexadecimal or inf; undefined otherwise (NaN included). */
function strtod(text: string): { value: number; overflow: boolean } | undefined {
  const inf = INFINITY.exec(text);
  if (inf)
    return {
      value: inf[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      overflow: false,
    };
  const decimal = DECIMAL.test(text);
  const value = decimal ? Number(text) : parseHexDouble(text);
  if (value === undefined || Number.isNaN(value)) return undefined;
  const significand = decimal ? text.replace(/[eE].*$/, "") : text.replace(/[pP].*$/, "").slice(2);
  const underflow = value === 0 && /[1-9a-fA-F]/.test(significand);
  return { value, overflow: !Number.isFinite(value) || underflow };
}

/** getDoubleFromObject: no empty text, no leading space, no overflow or underflow, never NaN. */
export function parseDouble(bytes: Buffer | string): number | undefined {
  const text = typeof bytes === "string" ? bytes : bytes.toString("latin1");
  const parsed = strtod(text);
  if (parsed === undefined || parsed.overflow) return undefined;
  return parsed.value;
}

/**
 * zslParseRange's bare strtod: leading whitespace is skipped, empty text is 0,
 * and out-of-range values saturate instead of failing.
 */
export function parseRangeDouble(text: string): number | undefined {
  const trimmed = text.replace(/^[ \t\n\v\f\r]+/, "");
  if (trimmed === "") return 0;
  return strtod(trimmed)?.value;
}

/** C's `%.17g`, as the server prints scores and doubles. */
export function formatDouble(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return "inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  if (Number.isNaN(value)) return "nan";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const [mantissa, exponentText] = value.toExponential(16).split("e") as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 17) {
    const digits = stripZeros(mantissa);
    const sign = exponent < 0 ? "-" : "+";
    const abs = Math.abs(exponent);
    return `${digits}e${sign}${abs < 10 ? `0${abs}` : abs}`;
  }
  return stripZeros(value.toFixed(16 - exponent));
}

function stripZeros(text: string): string {
  if (!text.includes(".")) return text;
  return text.replace(/0+$/, "").replace(/\.$/, "");
}

// INCRBYFLOAT computes in x87 long double (64-bit significand) and prints
// with `%.17Lf`; emulated exactly with BigInt so stored values drift the same
// way (5.6 + 5000 prints 5005.60000000000000009 on the server too).

/** A long double: significand × 2^exponent, |significand| < 2^64. */
interface LongDouble {
  readonly significand: bigint;
  readonly exponent: number;
}

const SIGNIFICAND_BITS = 64;
/** Largest binary exponent of a finite long double's top bit. */
const MAX_EXPONENT = 16383;

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** Rounds numerator/denominator (> 0) to the nearest long double, ties to even; undefined on overflow. */
function roundRational(numerator: bigint, denominator: bigint): LongDouble | undefined {
  if (numerator === 0n) return { significand: 0n, exponent: 0 };
  const negative = numerator < 0n;
  const a = negative ? -numerator : numerator;
  let exponent = bitLength(a) - bitLength(denominator) - SIGNIFICAND_BITS;
  const quotientAt = (e: number): [bigint, bigint, bigint] => {
    const num = e >= 0 ? a : a << BigInt(-e);
    const den = e >= 0 ? denominator << BigInt(e) : denominator;
    return [num / den, num % den, den];
  };
  let [quotient, remainder, den] = quotientAt(exponent);
  while (quotient >= 1n << 64n) {
    exponent++;
    [quotient, remainder, den] = quotientAt(exponent);
  }
  while (quotient < 1n << 63n) {
    exponent--;
    [quotient, remainder, den] = quotientAt(exponent);
  }
  if (remainder * 2n > den || (remainder * 2n === den && (quotient & 1n) === 1n)) quotient += 1n;
  if (quotient === 1n << 64n) {
    quotient >>= 1n;
    exponent++;
  }
  if (exponent + SIGNIFICAND_BITS - 1 > MAX_EXPONENT) return undefined;
  return { significand: negative ? -quotient : quotient, exponent };
}

/** strtold of a finite decimal, or "inf"/"-inf"; undefined when not a float or out of range. */
function parseLongDouble(text: string): LongDouble | "inf" | "-inf" | undefined {
  const inf = INFINITY.exec(text);
  if (inf) return inf[1] === "-" ? "-inf" : "inf";
  const hex = HEX.exec(text);
  if (hex) {
    const [, sign, whole = "", fraction = "", exponentText = "0"] = hex;
    if (whole.length + fraction.length === 0) return undefined;
    const mantissa = BigInt(`0x${whole}${fraction}`) * (sign === "-" ? -1n : 1n);
    const shift = Number(exponentText) - 4 * fraction.length;
    if (Math.abs(shift) > 20000) return undefined;
    return shift >= 0
      ? roundRational(mantissa << BigInt(shift), 1n)
      : roundRational(mantissa, 1n << BigInt(-shift));
  }
  const match = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!match || !DECIMAL.test(text)) return undefined;
  const [, sign, whole = "", fraction = "", exponentText] = match;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (Math.abs(exponent) > 6000) return undefined;
  const digits = BigInt(`${whole}${fraction}` || "0");
  const scale = fraction.length - exponent;
  const numerator = (sign === "-" ? -digits : digits) * (scale < 0 ? 10n ** BigInt(-scale) : 1n);
  const denominator = scale > 0 ? 10n ** BigInt(scale) : 1n;
  return roundRational(numerator, denominator);
}

function addLongDoubles(a: LongDouble, b: LongDouble): LongDouble | undefined {
  const low = Math.min(a.exponent, b.exponent);
  const sum =
    (a.significand << BigInt(a.exponent - low)) + (b.significand << BigInt(b.exponent - low));
  return low >= 0 ? roundRational(sum << BigInt(low), 1n) : roundRational(sum, 1n << BigInt(-low));
}

/** `%.17Lf` with trailing zeros removed (ld2string LD_STR_HUMAN). */
function formatHuman(value: LongDouble): string {
  const negative = value.significand < 0n;
  const magnitude = negative ? -value.significand : value.significand;
  let scaled: bigint;
  if (value.exponent >= 0) {
    scaled = (magnitude << BigInt(value.exponent)) * 10n ** 17n;
  } else {
    const den = 1n << BigInt(-value.exponent);
    const num = magnitude * 10n ** 17n;
    scaled = num / den;
    const remainder = num % den;
    if (remainder * 2n > den || (remainder * 2n === den && (scaled & 1n) === 1n)) scaled += 1n;
  }
  const digits = scaled.toString().padStart(18, "0");
  let text = stripZeros(`${digits.slice(0, -17)}.${digits.slice(-17)}`);
  if (negative && text !== "0") text = `-${text}`;
  return text;
}

/** How strtold reads a text: a finite long double, an infinity, or not a float. */
export function longDoubleKind(text: string): "finite" | "infinite" | undefined {
  const parsed = parseLongDouble(text);
  if (parsed === undefined) return undefined;
  return typeof parsed === "string" ? "infinite" : "finite";
}

export type FloatIncrement =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: "not-float" | "nan-or-infinity" };

/** INCRBYFLOAT / HINCRBYFLOAT: current + increment in long double, formatted like the server. */
export function addFloats(current: string, increment: string): FloatIncrement {
  const a = parseLongDouble(current);
  const b = parseLongDouble(increment);
  if (a === undefined || b === undefined) return { ok: false, reason: "not-float" };
  if (typeof a === "string" || typeof b === "string")
    return { ok: false, reason: "nan-or-infinity" };
  const sum = addLongDoubles(a, b);
  if (sum === undefined) return { ok: false, reason: "nan-or-infinity" };
  return { ok: true, text: formatHuman(sum) };
}
