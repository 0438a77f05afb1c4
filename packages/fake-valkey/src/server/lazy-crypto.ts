// node:crypto, required on first use rather than at import: a fake that never
// hashes a script or an ACL password never loads it, so a client test can check
// that the client alone never loads it either.
import type * as Crypto from "node:crypto";
import { createRequire } from "node:module";

let crypto: typeof Crypto | undefined;

/** Node's crypto module, loaded on the first call. */
export function nodeCrypto(): typeof Crypto {
  crypto ??= createRequire(import.meta.url)("node:crypto") as typeof Crypto;
  return crypto;
}
