// A client stand-in for the module helpers' unit tests: records each command
// and answers it with a recorded reply, shaped as a RESP2 or RESP3 connection would.
import { type Command, parseReply, type RespValue } from "@petrel/commands";
import type { CommandArg } from "@petrel/protocol";
import type { ModuleClient } from "../module-command.js";

export class RecordedClient implements ModuleClient {
  readonly sent: CommandArg[][] = [];
  readonly commands: Command<unknown>[] = [];

  readonly #resp: 2 | 3;
  readonly #replies: RespValue[];

  constructor(resp: 2 | 3, replies: RespValue[]) {
    this.#resp = resp;
    this.#replies = replies;
  }

  send<T>(command: Command<T>): Promise<T> {
    this.sent.push(command.args);
    this.commands.push(command);
    const reply = this.#replies.shift();
    if (reply === undefined) return Promise.reject(new Error("no recorded reply left"));
    if (reply instanceof Error) return Promise.reject(reply);
    return Promise.resolve(parseReply(command, reply, this.#resp));
  }
}

/** A RESP3 map as the decoder delivers it. */
export function respMap(...entries: [RespValue, RespValue][]): RespValue {
  return entries.map(([key, value]) => ({ key, value }));
}
