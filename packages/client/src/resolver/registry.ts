// GLIDE's process-wide address resolver registry (its native core looks resolvers
// up by key). Exported for GLIDE programs that call it; Petrel's clients call
// their own `addressResolver` directly (see address-resolver.ts). A module of its
// own so that bundles without it leave it out.
import type { AddressResolver } from "./address-resolver.js";

const registry = new Map<string, AddressResolver>();
let nextKey = 1;

/**
 * Registers `callback` in the process-wide address resolver registry and returns its key
 * (GLIDE's native `registerAddressResolver`); remove it with {@link removeAddressResolver}.
 */
export function registerAddressResolver(callback: AddressResolver): string {
  if (typeof callback !== "function")
    throw new TypeError("registerAddressResolver: callback must be a function");
  const key = `address-resolver-${nextKey++}`;
  registry.set(key, callback);
  return key;
}

/** Removes the resolver registered under `key` (GLIDE's native `removeAddressResolver`). */
export function removeAddressResolver(key: string): void {
  registry.delete(key);
}

/** The resolver registered under `key`, if it is still registered. */
export function registeredAddressResolver(key: string): AddressResolver | undefined {
  return registry.get(key);
}
