// Expire-time arguments (EX/PX/EXAT/PXAT and the EXPIRE family) converted to
// absolute milliseconds, with the server's range checks.

import { Errors, fail } from "./errors.js";
import { parseInt64 } from "./float.js";

const INT64_MAX = 2n ** 63n - 1n;

export type ExpireUnit = "EX" | "PX" | "EXAT" | "PXAT";

/**
 * For SET/GETEX/SETEX: the value must be a positive integer and the absolute
 * time must fit in int64 milliseconds.
 */
export function absoluteExpiry(
  value: Buffer,
  unit: ExpireUnit,
  now: number,
  command: string,
): number {
  const parsed = parseInt64(value);
  if (parsed === undefined) fail(Errors.notInteger);
  const seconds = unit === "EX" || unit === "EXAT";
  if (parsed <= 0n || (seconds && parsed > INT64_MAX / 1000n)) fail(Errors.invalidExpire(command));
  let ms = seconds ? parsed * 1000n : parsed;
  if (unit === "EX" || unit === "PX") {
    if (ms > INT64_MAX - BigInt(now)) fail(Errors.invalidExpire(command));
    ms += BigInt(now);
  }
  return Number(ms);
}
