// Faults a test arms on a node: replies injected in place of real ones, a
// blackhole (reads requests, never answers) and added latency.

import type { ReplyFrame } from "@petrel/protocol";

export interface InjectionMatch {
  /** Lower-case command name (`get`, `cluster|slots`); any command when absent. */
  readonly command?: string;
  /** How many matching commands get the injected reply. */
  readonly count: number;
  /** Write the frame before the command's real reply instead of replacing it (pushes, attributes). */
  readonly before?: boolean;
}

interface Injection {
  readonly command: string | undefined;
  remaining: number;
  readonly reply: ReplyFrame;
  readonly before: boolean;
}

export interface InjectedReply {
  readonly frame: ReplyFrame;
  /** True: written ahead of the real reply; false: replaces it. */
  readonly before: boolean;
}

export class NodeFaults {
  blackhole = false;
  latencyMs = 0;
  /** The node pretends to load its dataset: most commands answer LOADING and INFO says `loading:1`. */
  loading = false;
  private injections: Injection[] = [];

  /** `reply` given as a string is an error text such as `TRYAGAIN …` or `LOADING …`. */
  inject(match: InjectionMatch, reply: string | ReplyFrame): void {
    if (!(match.count > 0)) throw new RangeError("an injection needs a positive count");
    const frame: ReplyFrame = typeof reply === "string" ? { type: "error", value: reply } : reply;
    this.injections.push({
      command: match.command?.toLowerCase(),
      remaining: match.count,
      reply: frame,
      before: match.before === true,
    });
  }

  /** The reply to inject for this command, consuming one use, or undefined. */
  take(command: string): InjectedReply | undefined {
    const index = this.injections.findIndex(
      (injection) =>
        injection.command === undefined ||
        injection.command === command ||
        command.startsWith(`${injection.command}|`),
    );
    if (index < 0) return undefined;
    const injection = this.injections[index] as Injection;
    injection.remaining--;
    if (injection.remaining <= 0) this.injections.splice(index, 1);
    return { frame: injection.reply, before: injection.before };
  }

  clearInjections(): void {
    this.injections = [];
  }

  get pendingInjections(): number {
    return this.injections.reduce((sum, injection) => sum + injection.remaining, 0);
  }
}
