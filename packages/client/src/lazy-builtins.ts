// node:tls (with the node:crypto it pulls in) takes a few milliseconds to load,
// about a tenth of a cold start, and only TLS connections and Script hashing use
// them; node:fs from ESM builds a facade over all its exports (and loads
// fs/promises), about a millisecond, for a log file hardly anyone sets. So they
// are loaded, synchronously, on first use instead of at import.

import type * as Crypto from "node:crypto";
import type * as Fs from "node:fs";
import { createRequire } from "node:module";
import type * as Tls from "node:tls";

function requireBuiltin(id: string): unknown {
  // process.getBuiltinModule exists from Node 20.16; any absolute path serves
  // createRequire for a built-in, and process.execPath always is one.
  return process.getBuiltinModule?.(id) ?? createRequire(process.execPath)(id);
}

let tls: typeof Tls | undefined;
let crypto: typeof Crypto | undefined;
let fs: typeof Fs | undefined;

export function tlsModule(): typeof Tls {
  tls ??= requireBuiltin("node:tls") as typeof Tls;
  return tls;
}

export function cryptoModule(): typeof Crypto {
  crypto ??= requireBuiltin("node:crypto") as typeof Crypto;
  return crypto;
}

export function fsModule(): typeof Fs {
  fs ??= requireBuiltin("node:fs") as typeof Fs;
  return fs;
}
