// GLIDE's Script: Lua code known by its SHA-1, run with EVALSHA and loaded on
// demand. The code lives on the object itself, so nothing leaks if release() is
// forgotten; release() only drops the code, after which a server that lost the
// script cannot be given it again.
import { RequestError } from "@petrel/protocol";
import { cryptoModule } from "../lazy-builtins.js";

export class Script {
  readonly #hash: string;
  #code: string | Buffer | undefined;

  constructor(code: string | Uint8Array) {
    if (typeof code !== "string" && !(code instanceof Uint8Array)) {
      throw new RequestError("new Script(code) needs a string or Buffer");
    }
    this.#code = typeof code === "string" ? code : Buffer.from(code);
    this.#hash = cryptoModule().createHash("sha1").update(this.#code).digest("hex");
  }

  /** The script's SHA-1, as SCRIPT LOAD and EVALSHA name it. */
  getHash(): string {
    return this.#hash;
  }

  /** Drops the code. EVALSHA still works while the server has the script cached. */
  release(): void {
    this.#code = undefined;
  }

  /** The code, for SCRIPT LOAD after NOSCRIPT; undefined once released. */
  get source(): string | Buffer | undefined {
    return this.#code;
  }
}
