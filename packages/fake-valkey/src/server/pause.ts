// CLIENT PAUSE as the server does it: until a deadline, commands of ordinary
// clients (ALL) or only writes and may-replicate commands (WRITE) are held
// back, unanswered, and run in arrival order once the pause ends (deadline
// or CLIENT UNPAUSE). A pause can only be made longer or stricter.

import type { ServerClock } from "../control/clock.js";
import { arityOk, hasFlag } from "./command-table.js";
import { lookupCommand } from "./dispatch.js";
import type { Session } from "./session.js";

export type PauseMode = "write" | "all";

/** Commands that replicate without the write flag (the server's may-replicate). */
const MAY_REPLICATE = new Set(["publish", "spublish", "eval", "evalsha", "fcall", "pfcount"]);

export class ClientPause {
  private mode: PauseMode | undefined;
  private until = 0;
  private cancelTimer: () => void = () => {};
  private readonly held: Session[] = [];

  constructor(private readonly clock: ServerClock) {}

  /** The active pause's mode, if any. */
  get active(): PauseMode | undefined {
    return this.mode;
  }

  /** CLIENT PAUSE: pauses until `untilMs`, keeping a longer or stricter pause already on. */
  pause(untilMs: number, mode: PauseMode): void {
    if (this.mode !== "all") this.mode = mode;
    if (untilMs <= this.until) return;
    this.until = untilMs;
    this.cancelTimer();
    this.cancelTimer = this.clock.schedule(untilMs, () => this.unpause());
  }

  /** CLIENT UNPAUSE, or the deadline: held clients go on, oldest first. */
  unpause(): void {
    this.cancelTimer();
    this.cancelTimer = () => {};
    this.mode = undefined;
    this.until = 0;
    for (const session of this.held.splice(0)) session.resumeAfterPause();
  }

  /** True when the pause holds this request back (commands rejected anyway are not held). */
  holds(session: Session, args: Buffer[]): boolean {
    const mode = this.mode;
    if (mode === undefined || session.node.monitors.has(session)) return false;
    const lookup = lookupCommand(session.node.commands, args);
    if (!("def" in lookup) || !arityOk(lookup.def.arity, args.length)) return false;
    const def = lookup.def;
    if (mode === "all") return true;
    if (hasFlag(def, "write") || MAY_REPLICATE.has(def.name)) return true;
    return (
      def.name === "exec" &&
      (session.transaction?.queue ?? []).some(
        (queued) => hasFlag(queued.def, "write") || MAY_REPLICATE.has(queued.def.name),
      )
    );
  }

  /** Parks a client whose next request waits for the pause to end. */
  hold(session: Session): void {
    if (!this.held.includes(session)) this.held.push(session);
  }

  /** Clients waiting for the pause to end. */
  get heldCount(): number {
    return this.held.length;
  }
}
