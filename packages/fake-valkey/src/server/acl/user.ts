// An ACL user: on/off, passwords (kept as SHA-256 hex, as the server keeps
// them), and its selectors, the root one first. Rules apply as ACL SETUSER
// applies them; the description is the one ACL LIST prints.

import { nodeCrypto } from "../lazy-crypto.js";
import type { AclCommandIndex } from "./command-index.js";
import { type RuleError, Selector } from "./selector.js";

export function hashPassword(password: string): string {
  return nodeCrypto().createHash("sha256").update(Buffer.from(password, "latin1")).digest("hex");
}

const HASH = /^[0-9a-f]{64}$/;

/** The hash a password rule names: `>pw`/`<pw` hash it, `#hash`/`!hash` give it (undefined if malformed). */
function ruleHash(op: string): string | undefined {
  const rest = op.slice(1);
  if (op.startsWith(">") || op.startsWith("<")) return hashPassword(rest);
  return HASH.test(rest) ? rest : undefined;
}

export class AclUser {
  enabled = false;
  nopass = false;
  /** RESTORE payload sanitizing: Valkey shows `sanitize-payload` unless skipped. */
  skipSanitize = false;
  passwords: string[] = [];
  selectors: Selector[];
  /** `unrestricted`, kept until the next rule. */
  private open: boolean | undefined;

  constructor(
    readonly name: string,
    private readonly index: AclCommandIndex,
  ) {
    this.selectors = [new Selector(index)];
  }

  get root(): Selector {
    return this.selectors[0] as Selector;
  }

  /** A copy under another name (ACL SETUSER stages changes on one). */
  clone(name = this.name): AclUser {
    const copy = new AclUser(name, this.index);
    copy.enabled = this.enabled;
    copy.nopass = this.nopass;
    copy.skipSanitize = this.skipSanitize;
    copy.passwords = [...this.passwords];
    copy.selectors = this.selectors.map((selector) => selector.clone());
    return copy;
  }

  /** Applies one ACL SETUSER argument (selectors already merged into one). */
  apply(op: string): RuleError | undefined {
    this.open = undefined;
    if (op === "") return undefined;
    const lower = op.toLowerCase();
    if (lower === "on") this.enabled = true;
    else if (lower === "off") this.enabled = false;
    else if (lower === "skip-sanitize-payload") this.skipSanitize = true;
    else if (lower === "sanitize-payload") this.skipSanitize = false;
    else if (lower === "nopass") {
      this.nopass = true;
      this.passwords = [];
    } else if (lower === "resetpass") {
      this.nopass = false;
      this.passwords = [];
    } else if (op.startsWith(">") || op.startsWith("#")) {
      const hash = ruleHash(op);
      if (hash === undefined) return "bad-hash";
      if (!this.passwords.includes(hash)) this.passwords.push(hash);
      this.nopass = false;
    } else if (op.startsWith("<") || op.startsWith("!")) {
      const hash = ruleHash(op);
      if (hash === undefined) return "bad-hash";
      const at = this.passwords.indexOf(hash);
      if (at === -1) return "password-missing";
      this.passwords.splice(at, 1);
    } else if (op.startsWith("(") && op.endsWith(")")) {
      const selector = new Selector(this.index);
      for (const part of op.slice(1, -1).split(/\s+/)) {
        if (part === "") continue;
        const refused = selector.apply(part);
        if (refused !== undefined) return refused;
      }
      this.selectors.push(selector);
    } else if (lower === "clearselectors") {
      this.selectors = [this.root];
    } else if (lower === "reset") {
      for (const rule of ["resetpass", "resetkeys", "resetchannels", "off", "sanitize-payload"])
        this.apply(rule);
      this.selectors = [this.root];
      this.root.apply("-@all");
    } else {
      return this.root.apply(op);
    }
    return undefined;
  }

  get flags(): string[] {
    const flags = [this.enabled ? "on" : "off"];
    if (this.nopass) flags.push("nopass");
    flags.push(this.skipSanitize ? "skip-sanitize-payload" : "sanitize-payload");
    return flags;
  }

  /** The rules that recreate this user, as ACL LIST prints them after the name. */
  describe(): string {
    const parts = [...this.flags, ...this.passwords.map((hash) => `#${hash}`)];
    parts.push(this.root.describe());
    for (const selector of this.selectors.slice(1)) parts.push(`(${selector.describe()})`);
    return parts.join(" ");
  }

  /** Whether a password opens this user (disabled users open with none). */
  accepts(password: string): boolean {
    if (!this.enabled) return false;
    if (this.nopass) return true;
    return this.passwords.includes(hashPassword(password));
  }

  /** Every command, key and channel: permission checks can be skipped (read on every command). */
  get unrestricted(): boolean {
    this.open ??= this.selectors.some((selector) => selector.unrestricted);
    return this.open;
  }
}
