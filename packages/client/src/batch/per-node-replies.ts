// A fan-out command with no combining rule (INFO, CLIENT LIST…) answers with
// one value per node, `Record<"host:port", T>`, as the single command does.
// Inside a cluster pipeline the executor hands such a command's raw replies
// over wrapped in PerNodeReplies, and the batch shapes each node's reply with
// the command's own parser (see BatchRequest).

/** The raw replies of one fan-out command, by node address (an Error where a node failed). */
export class PerNodeReplies {
  constructor(readonly byNode: Readonly<Record<string, unknown>>) {}
}
