// Validation of `clientCircuitBreaker`, with GLIDE's rules and messages.
import { ConfigurationError } from "@petrel/protocol";
import { CIRCUIT_BREAKER_DEFAULTS, type ResolvedCircuitBreaker } from "./circuit-breaker.js";

const known = new Set(Object.keys(CIRCUIT_BREAKER_DEFAULTS));

/** Applies GLIDE's defaults to `value`; undefined (no breaker) when it is undefined. */
export function resolveCircuitBreaker(value: unknown): ResolvedCircuitBreaker | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ConfigurationError("Invalid configuration: clientCircuitBreaker must be an object");
  const bag = value as Record<string, unknown>;
  for (const key of Object.keys(bag)) {
    if (!known.has(key) && bag[key] !== undefined)
      throw new ConfigurationError(
        `Invalid configuration: clientCircuitBreaker.${key} is not a supported option`,
      );
  }
  const positive = (key: keyof ResolvedCircuitBreaker, integer: boolean): number => {
    const given = bag[key];
    if (given === undefined) return CIRCUIT_BREAKER_DEFAULTS[key] as number;
    if (typeof given !== "number" || !(given > 0) || !Number.isFinite(given))
      throw new ConfigurationError(`${key} must be positive`);
    if (integer && !Number.isInteger(given))
      throw new ConfigurationError(`${key} must be an integer`);
    return given;
  };
  const rate = bag.failureRateThreshold;
  if (rate !== undefined && (typeof rate !== "number" || !(rate > 0 && rate <= 1)))
    throw new ConfigurationError(
      "failureRateThreshold must be between 0.0 (exclusive) and 1.0 (inclusive)",
    );
  const countTimeouts = bag.countTimeouts;
  if (countTimeouts !== undefined && typeof countTimeouts !== "boolean")
    throw new ConfigurationError(
      "Invalid configuration: clientCircuitBreaker.countTimeouts must be a boolean",
    );
  return {
    windowSizeMs: positive("windowSizeMs", false),
    failureRateThreshold: rate ?? CIRCUIT_BREAKER_DEFAULTS.failureRateThreshold,
    minErrors: positive("minErrors", true),
    openTimeoutMs: positive("openTimeoutMs", false),
    countTimeouts: countTimeouts ?? CIRCUIT_BREAKER_DEFAULTS.countTimeouts,
    consecutiveSuccesses: positive("consecutiveSuccesses", true),
  };
}
