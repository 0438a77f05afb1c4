// One ACL selector: the commands, keys and channels a user may use. Every
// user has a root selector plus any `(...)` selectors; a command runs when
// one selector allows all of it. Command rules are kept in the order given
// (with a repeated rule moved to the end), as Valkey prints them back.

import type { AclCommand, AclCommandIndex } from "./command-index.js";
import { isCategory } from "./command-index.js";

/** Why a rule was refused; acl-errors.ts turns it into the server's text. */
export type RuleError =
  | "syntax"
  | "unknown"
  | "keys-after-all"
  | "channels-after-all"
  | "first-arg-of-subcommand"
  | "password-missing"
  | "bad-hash";

export interface KeyPattern {
  readonly pattern: string;
  read: boolean;
  write: boolean;
}

function hasSpaces(text: string): boolean {
  return /[\s\0]/.test(text);
}

export class Selector {
  allKeys = false;
  allChannels = false;
  /** Every command, now and future (`+@all` not narrowed since). */
  allCommands = false;
  /** `+@all` was the base: the description starts with it. */
  future = false;
  readonly allowed = new Set<string>();
  /** Allowed first arguments of otherwise denied commands (`+select|0`). */
  readonly firstArgs = new Map<string, string[]>();
  keys: KeyPattern[] = [];
  channels: string[] = [];
  /** `+@hash`, `-hset`, ... in the order they apply. */
  rules: string[] = [];

  constructor(private readonly index: AclCommandIndex) {}

  clone(): Selector {
    const copy = new Selector(this.index);
    copy.allKeys = this.allKeys;
    copy.allChannels = this.allChannels;
    copy.allCommands = this.allCommands;
    copy.future = this.future;
    for (const name of this.allowed) copy.allowed.add(name);
    for (const [name, args] of this.firstArgs) copy.firstArgs.set(name, [...args]);
    copy.keys = this.keys.map((key) => ({ ...key }));
    copy.channels = [...this.channels];
    copy.rules = [...this.rules];
    return copy;
  }

  /** Applies one rule; returns why it was refused, if it was. */
  apply(op: string): RuleError | undefined {
    const lower = op.toLowerCase();
    if (lower === "allkeys" || lower === "~*") {
      this.allKeys = true;
      this.keys = [];
    } else if (lower === "resetkeys") {
      this.allKeys = false;
      this.keys = [];
    } else if (lower === "allchannels" || lower === "&*") {
      this.allChannels = true;
      this.channels = [];
    } else if (lower === "resetchannels") {
      this.allChannels = false;
      this.channels = [];
    } else if (lower === "allcommands" || lower === "+@all") {
      this.setAllCommands(true);
    } else if (lower === "nocommands" || lower === "-@all") {
      this.setAllCommands(false);
    } else if (op.startsWith("~") || op.startsWith("%")) {
      return this.addKeyPattern(op);
    } else if (op.startsWith("&")) {
      if (this.allChannels) return "channels-after-all";
      const pattern = op.slice(1);
      if (hasSpaces(pattern)) return "syntax";
      if (!this.channels.includes(pattern)) this.channels.push(pattern);
      this.allChannels = false;
    } else if (op.startsWith("+@") || op.startsWith("-@")) {
      const category = lower.slice(2);
      if (!isCategory(category)) return "unknown";
      const allow = op.startsWith("+");
      this.updateRules(lower.slice(1), allow);
      for (const command of this.index.inCategory(category)) this.change(command, allow);
    } else if (op.startsWith("+")) {
      return this.allow(op.slice(1));
    } else if (op.startsWith("-")) {
      const command = this.index.lookup(op.slice(1));
      if (command === undefined) return "unknown";
      this.change(command, false);
      this.updateRules(command.name, false);
    } else {
      return "syntax";
    }
    return undefined;
  }

  /** Whether this selector lets the command itself run (keys and channels aside). */
  mayRun(command: AclCommand, args: readonly Buffer[]): boolean {
    if (this.allCommands || command.noAuth || this.allowed.has(command.name)) return true;
    const firstArgs = this.firstArgs.get(command.name);
    if (firstArgs === undefined) return false;
    const given = args[command.parent === undefined ? 1 : 2]?.toString("latin1").toLowerCase();
    return given !== undefined && firstArgs.includes(given);
  }

  private setAllCommands(allow: boolean): void {
    this.allowed.clear();
    if (allow) for (const command of this.index.all) this.allowed.add(command.name);
    this.allCommands = allow;
    this.future = allow;
    this.rules = [];
    this.firstArgs.clear();
  }

  private addKeyPattern(op: string): RuleError | undefined {
    if (this.allKeys) return "keys-after-all";
    let read = false;
    let write = false;
    let offset = 1;
    if (op.startsWith("%")) {
      let ok = true;
      for (; offset < op.length; offset++) {
        const c = op[offset]?.toUpperCase();
        if (c === "R" && !read) read = true;
        else if (c === "W" && !write) write = true;
        else if (c === "~") {
          offset++;
          break;
        } else {
          ok = false;
          break;
        }
      }
      if ((!read && !write) || !ok) return "syntax";
    } else {
      read = true;
      write = true;
    }
    const pattern = op.slice(offset);
    if (hasSpaces(pattern)) return "syntax";
    const existing = this.keys.find((key) => key.pattern === pattern);
    if (existing === undefined) this.keys.push({ pattern, read, write });
    else {
      existing.read ||= read;
      existing.write ||= write;
    }
    this.allKeys = false;
    return undefined;
  }

  private allow(name: string): RuleError | undefined {
    const bar = name.lastIndexOf("|");
    if (bar === -1) {
      const command = this.index.lookup(name);
      if (command === undefined) return "unknown";
      this.change(command, true);
      this.updateRules(command.name, true);
      return undefined;
    }
    const base = this.index.lookup(name.slice(0, bar));
    if (base === undefined) return "unknown";
    if (base.parent !== undefined) return "first-arg-of-subcommand";
    const sub = name.slice(bar + 1);
    if (sub === "") return "syntax";
    if (base.subcommands.length > 0) {
      const command = this.index.lookup(name);
      if (command === undefined) return "unknown";
      this.change(command, true);
    } else {
      const args = this.firstArgs.get(base.name) ?? [];
      if (!args.includes(sub.toLowerCase())) args.push(sub.toLowerCase());
      this.firstArgs.set(base.name, args);
    }
    this.updateRules(name.toLowerCase(), true);
    return undefined;
  }

  /** Allows or denies a command, and a container's subcommands with it. */
  private change(command: AclCommand, allow: boolean): void {
    const names = [command.name, ...command.subcommands.map((sub) => sub.name)];
    for (const name of names) {
      if (allow) this.allowed.add(name);
      else {
        this.allowed.delete(name);
        this.allCommands = false;
      }
    }
    this.firstArgs.delete(command.name);
  }

  /** Drops earlier rules for the same command (or its subcommands), then appends. */
  private updateRules(rule: string, allow: boolean): void {
    this.rules = this.rules.filter((existing) => {
      const body = existing.slice(1);
      return body !== rule && !body.startsWith(`${rule}|`);
    });
    this.rules.push(`${allow ? "+" : "-"}${rule}`);
  }

  /** `+@all -get`, `-@all +@hash`: the command part of a description. */
  describeCommands(): string {
    return [this.future ? "+@all" : "-@all", ...this.rules].join(" ");
  }

  /** The key patterns as rules (`~k*`, `%R~r*`). */
  describeKeys(): string[] {
    if (this.allKeys) return ["~*"];
    return this.keys.map(
      ({ pattern, read, write }) => `${read && write ? "~" : read ? "%R~" : "%W~"}${pattern}`,
    );
  }

  describeChannels(): string[] {
    if (this.allChannels) return ["&*"];
    return this.channels.map((channel) => `&${channel}`);
  }

  /** The selector as ACL LIST prints it. */
  describe(): string {
    const channels = this.allChannels ? ["&*"] : ["resetchannels", ...this.describeChannels()];
    return [...this.describeKeys(), ...channels, this.describeCommands()].join(" ");
  }

  /** Whether a check can skip this selector's key and channel tests. */
  get unrestricted(): boolean {
    return this.allCommands && this.allKeys && this.allChannels;
  }
}

export type { AclCommand };
