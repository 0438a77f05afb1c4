// GLIDE's error classes. They live at the bottom of the stack because the wire
// produces them: the decoder turns every server error frame into a RequestError
// as it reads it, so no layer above has to convert replies afterwards.
//
// `instanceof` must work when two copies of this package are installed (a user
// app and a plugin each resolving their own). A brand registered with Symbol.for
// is shared by every copy, and Symbol.hasInstance consults it. Names are spelled
// out rather than read from `constructor.name`, which minifiers rename.

const brandsKey: unique symbol = Symbol.for("petrel.error.brands") as never;

type Branded = { readonly [brandsKey]?: readonly string[] };
type ErrorClass = { readonly errorName: string };

/** Base class of every error Petrel raises (GLIDE: `ValkeyError`). */
export abstract class ValkeyError extends Error {
  static readonly errorName: string = "ValkeyError";
  /** Class names this error is an instance of, shared across package copies. */
  declare readonly [brandsKey]: readonly string[];

  /**
   * @param message - GLIDE's message text.
   * @param options - `cause`: what this error wraps (a socket error, a provider's error…),
   *   as ES2022's `Error` takes it. GLIDE's constructors take only the message; the second
   *   argument is Petrel's, and optional.
   */
  constructor(message?: string, options?: ErrorOptions) {
    super(message ?? "No error message provided", options);
    const brands: string[] = [];
    for (let cls = new.target as unknown; cls && cls !== Error; cls = Object.getPrototypeOf(cls)) {
      brands.push((cls as ErrorClass).errorName);
    }
    Object.defineProperty(this, brandsKey, { value: brands, enumerable: false });
    Object.defineProperty(this, "name", { value: brands[0], enumerable: false, writable: true });
  }

  // `this` is the class `instanceof` was asked about (a subclass too), on purpose.
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: must be the class being tested, not ValkeyError
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== "object" || value === null) return false;
    const brands = (value as Branded)[brandsKey];
    // biome-ignore lint/complexity/noThisInStatic: must be the class being tested, not ValkeyError
    return brands?.includes(this.errorName) === true;
  }
}

/** The client is closed, or was closed while the request was pending. */
export class ClosingError extends ValkeyError {
  static override readonly errorName: string = "ClosingError";
}

/** A request failed: the server answered with an error, or the client could not complete it. */
export class RequestError extends ValkeyError {
  static override readonly errorName: string = "RequestError";
  /**
   * The server's own error text, exactly as it sent it (e.g. `"WRONGTYPE Operation against a
   * key holding the wrong kind of value"`), when this error is a server's reply; undefined
   * for errors the client raised itself. `message` is GLIDE's form of it (see
   * `glideServerErrorMessage`), which GLIDE programs match on.
   */
  declare serverMessage?: string;
}

/** The request did not complete within its timeout. */
export class TimeoutError extends RequestError {
  static override readonly errorName: string = "TimeoutError";
}

/** The transaction was discarded by the server (EXECABORT). */
export class ExecAbortError extends RequestError {
  static override readonly errorName: string = "ExecAbortError";
}

/** The connection to the server failed or was lost. */
export class ConnectionError extends RequestError {
  static override readonly errorName: string = "ConnectionError";
}

/** The client configuration is invalid. */
export class ConfigurationError extends RequestError {
  static override readonly errorName: string = "ConfigurationError";
}

/**
 * The client's circuit breaker is open: requests are refused without being sent until the
 * breaker lets probes through again (`clientCircuitBreaker`).
 */
export class CircuitBreakerError extends RequestError {
  static override readonly errorName: string = "CircuitBreakerError";
}

/**
 * The server sent bytes that are not valid RESP, or a frame beyond a configured
 * limit. The connection cannot be trusted after this, so it is a ConnectionError.
 */
export class ProtocolError extends ConnectionError {
  static override readonly errorName: string = "ProtocolError";
}
