// GLIDE's process-wide registry of address resolvers. In GLIDE 2.5 the
// TypeScript layer registers a client's `addressResolver` here and hands the
// key to the native core in its connection request. Petrel has no native
// core, so the registry is the user's: register a resolver once, then name its
// key as `addressResolver` in any number of configurations. A client looks the
// key up when it is created and keeps the function for its lifetime, so
// removing a key affects only clients created afterwards.
import { ConfigurationError } from "@petrel/protocol";
import { cryptoModule } from "../lazy-builtins.js";
import type { AddressResolver } from "./address-resolver.js";

const registry = new Map<string, AddressResolver>();

/**
 * Registers `callback` in the process-wide registry of address resolvers and returns its key
 * (a random UUID), which a client configuration can name as its `addressResolver`. As in GLIDE,
 * the callback maps `host`, `port` to the `[host, port]` to connect to; when it throws or
 * returns something else, the address is used as it is. Throws ConfigurationError when
 * `callback` is not a function.
 */
export function registerAddressResolver(
  callback: (host: string, port: number) => [string, number],
): string {
  if (typeof callback !== "function")
    throw new ConfigurationError(
      "registerAddressResolver needs a function (host, port) => [host, port]",
    );
  const key = cryptoModule().randomUUID(); // loaded on first use: see lazy-builtins.ts
  registry.set(key, callback);
  return key;
}

/**
 * Removes the resolver registered under `key`; an unknown key is ignored (as in GLIDE). Clients
 * created with that key keep resolving with it; configurations naming it are refused afterwards.
 */
export function removeAddressResolver(key: string): void {
  registry.delete(key);
}

/** The resolver registered under `key`, or a ConfigurationError naming the key. */
export function registeredAddressResolver(key: string): AddressResolver {
  const resolver = registry.get(key);
  if (resolver === undefined)
    throw new ConfigurationError(
      `addressResolver: no resolver is registered under key "${key}" (registerAddressResolver returns the key)`,
    );
  return resolver;
}
