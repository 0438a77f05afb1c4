// Connection commands: PING, ECHO, SELECT, RESET, CLIENT ID/GETNAME, and customCommand.
import type { GlideString } from "@petrel/protocol";
import type {
  Command,
  CommandArg,
  CommandInfo,
  CommandSpec,
  DecoderOption,
  RouteOption,
} from "../command.js";
import { DECODED, positional, ROUTED } from "../positional.js";
import { glideCustomReply } from "../replies/custom-replies.js";
import type { ClusterResponse, GlideReturnType } from "../replies/glide-types.js";
import {
  toGlideString,
  toNullableGlideString,
  toNumber,
  toOk,
  toText,
} from "../replies/scalars.js";
import { unexpectedReply } from "../replies/unexpected.js";
import { command, defineSpec, lookupCommandInfo, routedCommand } from "../spec.js";

type Nullable = GlideString | null;

const PING = /* @__PURE__ */ defineSpec<GlideString>("Ping", toGlideString);
const ECHO = /* @__PURE__ */ defineSpec<GlideString>("Echo", toGlideString);
const CLIENT_ID = /* @__PURE__ */ defineSpec<number>("Client Id", toNumber);
const CLIENT_GETNAME = /* @__PURE__ */ defineSpec<Nullable>(
  "Client GetName",
  toNullableGlideString,
);

const pingArgs = (message: GlideString | undefined): CommandArg[] =>
  message === undefined ? ["PING"] : ["PING", message];

export const ping = (options?: { message?: GlideString } & DecoderOption): Command<GlideString> =>
  command(PING, pingArgs(options?.message), options?.decoder);

export const pingCluster = (
  options?: { message?: GlideString } & RouteOption & DecoderOption,
): Command<GlideString> =>
  routedCommand(PING, pingArgs(options?.message), options, options?.decoder);

/** Batch signature: the message is positional. */
export const pingBatch = (message?: GlideString): Command<GlideString> =>
  command(PING, pingArgs(message));

export const echo: (message: GlideString, options?: DecoderOption) => Command<GlideString> =
  /* @__PURE__ */ positional(ECHO, 1, DECODED);

export const echoCluster: (
  message: GlideString,
  options?: RouteOption & DecoderOption,
) => Command<ClusterResponse<GlideString>> = /* @__PURE__ */ positional(ECHO, 1, DECODED, ROUTED);

/** Note: the database is not re-selected after a reconnect unless the client is configured with it. */
export const select: (index: number) => Command<"OK"> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<"OK">("Select", toOk),
  1,
);

/**
 * RESET clears the connection's database, name, protocol and subscriptions: the client
 * must restore its own connection state afterwards.
 */
export const reset: () => Command<"RESET"> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<"RESET">("Reset", (reply, cmd) => {
    if (toText(reply, cmd) !== "RESET") throw unexpectedReply(reply, '"RESET"', cmd);
    return "RESET";
  }),
  0,
);

export const clientId: () => Command<number> = /* @__PURE__ */ positional(CLIENT_ID, 0);

export const clientIdCluster: (options?: RouteOption) => Command<ClusterResponse<number>> =
  /* @__PURE__ */ positional(CLIENT_ID, 0, ROUTED);

export const clientGetName: (options?: DecoderOption) => Command<Nullable> =
  /* @__PURE__ */ positional(CLIENT_GETNAME, 0, DECODED);

export const clientGetNameCluster: (
  options?: RouteOption & DecoderOption,
) => Command<ClusterResponse<Nullable>> = /* @__PURE__ */ positional(
  CLIENT_GETNAME,
  0,
  DECODED,
  ROUTED,
);

// customCommand: the spec comes from the table at call time, so routing, flags and
// keys of any command the table knows work as if it had its own definition.
const customSpecs = /* @__PURE__ */ new Map<string, CommandSpec<GlideReturnType>>();

const customSpecFor = (info: CommandInfo): CommandSpec<GlideReturnType> => ({
  ...info,
  glideName: "CustomCommand",
  parse: (reply, sent) =>
    glideCustomReply(
      reply,
      sent.args,
      sent.route === "allPrimaries" || sent.route === "allNodes",
    ) as GlideReturnType,
});

/** The spec for an arbitrary argument list: cached per known command, fresh for unknown ones. */
export const customCommandSpec = (args: readonly CommandArg[]): CommandSpec<GlideReturnType> => {
  const info = lookupCommandInfo(args);
  if (!info) {
    const name = args[0] === undefined ? "" : String(args[0]).toUpperCase();
    return customSpecFor({
      name,
      arity: 0,
      flags: 0,
      keys: { kind: "none" },
      request: "default",
      response: "default",
    });
  }
  let spec = customSpecs.get(info.name);
  if (!spec) {
    spec = Object.freeze(customSpecFor(info));
    customSpecs.set(info.name, spec);
  }
  return spec;
};

const checkArgs = (args: GlideString[]): CommandArg[] => {
  if (!Array.isArray(args) || args.length === 0) {
    throw new TypeError("customCommand: args must be a non-empty array of strings or Buffers");
  }
  return [...args];
};

export const customCommand = (
  args: GlideString[],
  options?: DecoderOption,
): Command<GlideReturnType> => {
  const commandArgs = checkArgs(args);
  return command(customCommandSpec(commandArgs), commandArgs, options?.decoder);
};

export const customCommandCluster = (
  args: GlideString[],
  options?: RouteOption & DecoderOption,
): Command<ClusterResponse<GlideReturnType>> => {
  const commandArgs = checkArgs(args);
  return routedCommand(customCommandSpec(commandArgs), commandArgs, options, options?.decoder);
};

export const connectionCommands = {
  ping,
  echo,
  select,
  reset,
  clientId,
  clientGetName,
  customCommand,
};

export const connectionClusterCommands = {
  ping: pingCluster,
  echo: echoCluster,
  select,
  reset,
  clientId: clientIdCluster,
  clientGetName: clientGetNameCluster,
  customCommand: customCommandCluster,
};
