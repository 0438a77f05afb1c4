// DEBUG PROTOCOL: one reply of each RESP type, exactly as the server's
// debug.c writes them, so clients can test their decoders (attributes, pushes,
// big numbers, verbatim strings) against the fake.

import type { ReplyFrame } from "@petrel/protocol";
import { arg } from "../../data/command.js";
import type { CommandDef } from "../command-table.js";
import { array, bulk, error, integer, map, OK, push } from "../frames.js";

const TYPES = "string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false";

function protocolReply(type: string, resp: 2 | 3): ReplyFrame | { frames: ReplyFrame[] } {
  const counting = [integer(0), integer(1), integer(2)];
  switch (type) {
    case "string":
      return bulk("Hello World");
    case "integer":
      return integer(12345);
    case "double":
      // biome-ignore lint/suspicious/noApproximativeNumericConstant: the server sends exactly 3.141, not pi.
      return { type: "double", value: 3.141 };
    case "bignum":
      return { type: "bignum", value: 1234567999999999999999999999999999999n };
    case "null":
      return { type: "null" };
    case "array":
      return array(counting);
    case "set":
      return { type: "set", value: counting };
    case "map":
      return map(
        counting.map((key, index) => [key, { type: "boolean", value: index === 1 }] as const),
      );
    case "attrib":
      return {
        type: "attribute",
        attributes: [[bulk("key-popularity"), array([bulk("key:123"), integer(90)])]],
        value: bulk("Some real reply following the attribute"),
      };
    case "push":
      if (resp < 3) return error("ERR RESP2 is not supported by this command");
      // A plain reply follows, so clients that drop pushes still get one.
      return {
        frames: [
          push([bulk("server-cpu-usage"), integer(42)]),
          bulk("Some real reply following the push reply"),
        ],
      };
    case "verbatim":
      return { type: "verbatim", format: "txt", value: "This is a verbatim\nstring" };
    case "true":
      return { type: "boolean", value: true };
    case "false":
      return { type: "boolean", value: false };
    default:
      return error(`ERR Wrong protocol type name. Please use one of the following: ${TYPES}`);
  }
}

export const debugCommand: CommandDef = {
  name: "debug",
  arity: -2,
  flags: [],
  group: "server",
  run(session, args) {
    const sub = arg(args, 1).toString("latin1");
    // The fake has no active expiry cycle: keys expire when next read, whatever this says.
    if (sub.toLowerCase() === "set-active-expire" && args.length === 3) return OK;
    if (sub.toLowerCase() === "protocol" && args.length === 3) {
      return protocolReply(arg(args, 2).toString("latin1").toLowerCase(), session.resp);
    }
    return error(
      `ERR unknown subcommand or wrong number of arguments for '${sub}'. Try DEBUG HELP.`,
    );
  },
};
