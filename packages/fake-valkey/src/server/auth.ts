// The node's ACL users. `default` exists from the start (on, nopass, every
// command, key and channel); `requirepass` sets its password, as on the
// server. Users from the control API are ACL SETUSER rules applied here.

import { AclCommandIndex } from "./acl/command-index.js";
import { AclLog } from "./acl/log.js";
import type { RuleError } from "./acl/selector.js";
import { AclUser } from "./acl/user.js";
import type { CommandDef } from "./command-table.js";

export interface UserSpec {
  readonly name: string;
  /** Any of these passwords works; an empty list means `nopass`. */
  readonly passwords: readonly string[];
  readonly enabled?: boolean;
  /**
   * ACL rules for the user's permissions (`~app:*`, `+@read`, `(...)`), as
   * ACL SETUSER takes them. Default: every command, key and channel.
   */
  readonly rules?: readonly string[];
}

/**
 * Decides AUTH for one user instead of the stored passwords: tests use it for
 * credentials that change with time, such as IAM tokens. `undefined` falls back
 * to the stored passwords.
 */
export type PasswordVerifier = (user: string, password: string) => boolean | undefined;

export const WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";

const RULE_ERRORS: Record<RuleError, string> = {
  syntax: "Syntax error",
  unknown: "Unknown command or category name in ACL",
  "keys-after-all":
    "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns",
  "channels-after-all":
    "Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not have any effect. Try 'resetchannels' to start with an empty list of channels",
  "first-arg-of-subcommand": "Allowing first-arg of a subcommand is not supported",
  "password-missing": "The password you are trying to remove from the user does not exist",
  "bad-hash":
    "The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters",
};

/**
 * Joins a selector spread over several arguments (`(~x`, `+get)`) into one,
 * as the server does; returns the index of an unclosed one instead.
 */
function mergeSelectors(ops: readonly string[]): string[] | { readonly unmatched: number } {
  const out: string[] = [];
  let open = -1;
  let selector = "";
  ops.forEach((op, i) => {
    if (open === -1 && op.startsWith("(") && !op.endsWith(")")) {
      open = i;
      selector = op;
      return;
    }
    if (open !== -1) {
      selector += ` ${op}`;
      if (op.endsWith(")")) {
        open = -1;
        out.push(selector);
      }
      return;
    }
    out.push(op);
  });
  return open === -1 ? out : { unmatched: open };
}

export class UserRegistry {
  readonly index: AclCommandIndex;
  readonly log = new AclLog();
  private readonly users = new Map<string, AclUser>();
  private verifier: PasswordVerifier | undefined;

  constructor(commands: ReadonlyMap<string, CommandDef>, users: readonly UserSpec[] = []) {
    this.index = new AclCommandIndex(commands);
    const defaultUser = new AclUser("default", this.index);
    for (const rule of ["+@all", "~*", "&*", "on", "nopass"]) defaultUser.apply(rule);
    this.users.set("default", defaultUser);
    for (const user of users) this.upsert(user);
  }

  /** `requirepass`: the default user's only password, or nopass when empty. */
  setRequirePass(password: string): void {
    const user = this.defaultUser;
    user.apply("resetpass");
    user.apply(password === "" ? "nopass" : `>${password}`);
  }

  setVerifier(verifier: PasswordVerifier | undefined): void {
    this.verifier = verifier;
  }

  get defaultUser(): AclUser {
    return this.users.get("default") as AclUser;
  }

  /** Replaces a user from the control API's description (a thin layer over ACL SETUSER). */
  upsert(user: UserSpec): void {
    const rules = [
      "reset",
      user.enabled === false ? "off" : "on",
      ...(user.passwords.length === 0 ? ["nopass"] : user.passwords.map((p) => `>${p}`)),
      ...(user.rules ?? ["~*", "&*", "+@all"]),
    ];
    const refused = this.setUser(user.name, rules);
    if (refused !== undefined) throw new Error(`user '${user.name}': ${refused}`);
  }

  /**
   * ACL SETUSER: applies every rule to a copy, and keeps it only if all
   * applied. Returns the server's error text (without `ERR `) otherwise.
   */
  setUser(name: string, ops: readonly string[]): string | undefined {
    const merged = mergeSelectors(ops);
    if ("unmatched" in merged)
      return `Unmatched parenthesis in acl selector starting at '${ops[merged.unmatched]}'.`;
    const existing = this.users.get(name);
    const staged = existing?.clone() ?? new AclUser(name, this.index);
    for (const op of merged) {
      const refused = staged.apply(op);
      if (refused !== undefined)
        return `Error in ACL SETUSER modifier '${op}': ${RULE_ERRORS[refused]}`;
    }
    this.users.set(name, staged);
    return undefined;
  }

  /** Removes a user; the default user cannot be removed (the caller checks). */
  remove(name: string): boolean {
    return name !== "default" && this.users.delete(name);
  }

  get(name: string): AclUser | undefined {
    return this.users.get(name);
  }

  exists(name: string): boolean {
    return this.users.has(name);
  }

  /** Users in name order (the server keeps them in a radix tree). */
  all(): AclUser[] {
    return [...this.users.values()].sort((a, b) =>
      Buffer.compare(Buffer.from(a.name, "latin1"), Buffer.from(b.name, "latin1")),
    );
  }

  /** Whether a fresh connection must authenticate (the default user needs a password or is off). */
  passwordRequired(): boolean {
    const user = this.defaultUser;
    return !user.nopass || !user.enabled;
  }

  /** Whether `AUTH <password>` has anything to check against. */
  defaultHasPassword(): boolean {
    return !this.defaultUser.nopass;
  }

  verify(name: string, password: string): boolean {
    const decided = this.verifier?.(name, password);
    if (decided !== undefined) return decided;
    return this.users.get(name)?.accepts(password) ?? false;
  }
}
