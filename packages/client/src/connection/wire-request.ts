// What a NodeConnection carries: one or more commands written together, whose
// replies complete it. A single command and an atomic batch (MULTI … EXEC)
// are both WireRequests, so they share the queue, timeouts and error handling.
import type { CommandArg, RespValue } from "@petrel/protocol";
import type { DeadlineEntry } from "./deadline-queue.js";

export interface WireRequest extends DeadlineEntry {
  /** The commands to write, in order. */
  readonly wireCommands: readonly (readonly CommandArg[])[];
  /** When the request is one command: that command (the write path then skips `wireCommands`). */
  readonly singleCommand?: readonly CommandArg[];
  /** Decode this request's string replies as Buffers. */
  readonly asBuffers: boolean;
  /** True once resolved or rejected; later replies are consumed and dropped. */
  readonly settled: boolean;
  /** Set by the connection when the bytes are handed to the socket. */
  written: boolean;
  /**
   * Takes the next reply. Returns true when the request needs no more replies.
   * Called for settled requests too, so that their replies are consumed in order.
   */
  accept(reply: RespValue, resp: 2 | 3): boolean;
  /** Rejects the request (no-op once settled). */
  fail(error: Error): void;
}
