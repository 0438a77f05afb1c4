// A fan-out command with no combining rule (INFO, CLIENT LIST…) answers with
// one value per node, `Record<"host:port", T>`, as the single command does.
// Inside a pipeline, the batch parses every slot's raw reply with its
// command's parser; the cluster executor hands such a fan-out's replies over
// wrapped in PerNodeReplies, and `perNodeAware` gives the command a parser
// that shapes each node's reply with the original one.
import type { Command, ReplyParser } from "@petrel/commands";
import { RequestError, type RespValue } from "@petrel/protocol";

/** The raw replies of one fan-out command, by node address. */
export class PerNodeReplies {
  constructor(readonly byNode: Readonly<Record<string, unknown>>) {}
}

/** `command` with a parser that also accepts PerNodeReplies (everything else is unchanged). */
export function perNodeAware<T>(command: Command<T>): Command<T> {
  const parse = command.spec.parse;
  const perNode: ReplyParser<T> = (reply, invocation, context) => {
    if (!(reply instanceof PerNodeReplies)) return parse(reply, invocation, context);
    const shaped: Record<string, unknown> = {};
    for (const [address, raw] of Object.entries(reply.byNode)) {
      if (raw instanceof Error)
        throw raw instanceof RequestError ? raw : new RequestError(raw.message);
      shaped[address] = parse(raw as RespValue, invocation, context);
    }
    return shaped as T;
  };
  return { ...command, spec: { ...command.spec, parse: perNode } };
}
