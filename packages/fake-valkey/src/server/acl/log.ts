// ACL LOG: denied commands, keys, channels and failed AUTHs, newest first.
// A denial like one of the last ten (same reason, context, object and user,
// within a minute) bumps that entry's count and moves it to the front.

import type { ReplyFrame } from "@petrel/protocol";
import { bulk, integer, record } from "../frames.js";

export type LogReason = "command" | "key" | "channel" | "auth";
export type LogContext = "toplevel" | "multi" | "lua";

interface LogEntry {
  count: number;
  readonly reason: LogReason;
  readonly context: LogContext;
  readonly object: string;
  readonly username: string;
  /** Milliseconds of the last update. */
  updatedAt: number;
  clientInfo: string;
  readonly id: number;
  readonly createdAt: number;
}

const GROUPING_MS = 60_000;
const SCANNED = 10;

export class AclLog {
  private entries: LogEntry[] = [];
  private created = 0;

  add(
    event: Omit<LogEntry, "count" | "id" | "createdAt" | "updatedAt">,
    now: number,
    maxLength: number,
  ): void {
    const scanned = this.entries.slice(0, SCANNED);
    const match = scanned.find(
      (entry) =>
        entry.reason === event.reason &&
        entry.context === event.context &&
        Math.abs(entry.updatedAt - now) <= GROUPING_MS &&
        entry.object === event.object &&
        entry.username === event.username,
    );
    if (match !== undefined) {
      this.entries.splice(this.entries.indexOf(match), 1);
      this.entries.unshift(match);
      match.count++;
      match.updatedAt = now;
      match.clientInfo = event.clientInfo;
      return;
    }
    this.entries.unshift({
      ...event,
      count: 1,
      id: this.created++,
      createdAt: now,
      updatedAt: now,
    });
    if (this.entries.length > maxLength) this.entries.length = Math.max(0, maxLength);
  }

  reset(): void {
    this.entries = [];
  }

  /** ACL LOG's reply: up to `count` entries, newest first. */
  reply(count: number, now: number): ReplyFrame[] {
    return this.entries.slice(0, Math.max(0, count)).map((entry) =>
      record([
        ["count", integer(entry.count)],
        ["reason", bulk(entry.reason)],
        ["context", bulk(entry.context)],
        ["object", bulk(entry.object)],
        ["username", bulk(entry.username)],
        ["age-seconds", { type: "double", value: (now - entry.updatedAt) / 1000 }],
        ["client-info", bulk(entry.clientInfo)],
        ["entry-id", integer(entry.id)],
        ["timestamp-created", integer(entry.createdAt)],
        ["timestamp-last-updated", integer(entry.updatedAt)],
      ]),
    );
  }
}
