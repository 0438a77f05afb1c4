// CLIENT PAUSE, UNPAUSE, REPLY, NO-EVICT and NO-TOUCH, with the server's
// option checks and error texts.

import { parseInt64 } from "../../data/float.js";
import type { CommandDef } from "../command-table.js";
import { error, OK, SYNTAX_ERROR } from "../frames.js";
import { clientSubcommand, latin1 } from "./client-subcommand.js";

/** `on`/`off` as a boolean, or undefined for anything else. */
function onOff(value: Buffer | undefined): boolean | undefined {
  const text = latin1(value).toLowerCase();
  return text === "on" ? true : text === "off" ? false : undefined;
}

const pause = clientSubcommand("pause", -3, (session, args) => {
  if (args.length > 4) return SYNTAX_ERROR;
  let mode: "write" | "all" = "all";
  if (args.length === 4) {
    const given = latin1(args[3]).toLowerCase();
    if (given !== "write" && given !== "all")
      return error("ERR CLIENT PAUSE mode must be WRITE or ALL");
    mode = given;
  }
  const timeout = parseInt64(args[2] as Buffer);
  if (timeout === undefined) return error("ERR timeout is not an integer or out of range");
  if (timeout < 0n) return error("ERR timeout is negative");
  const node = session.node;
  const now = node.clock.now();
  if (timeout > BigInt(Number.MAX_SAFE_INTEGER - now)) return error("ERR timeout is out of range");
  node.pause.pause(now + Number(timeout), mode);
  return OK;
});

const unpause = clientSubcommand("unpause", 2, (session) => {
  session.node.pause.unpause();
  return OK;
});

const reply = clientSubcommand("reply", 3, (session, args) => {
  const mode = latin1(args[2]).toLowerCase();
  if (mode === "on") {
    session.replies = "on";
    return OK;
  }
  if (mode === "off") {
    session.replies = "off";
    return { frames: [] };
  }
  if (mode === "skip") {
    if (session.replies !== "off") session.replies = "skip-next";
    return { frames: [] };
  }
  return SYNTAX_ERROR;
});

const noEvict = clientSubcommand("no-evict", 3, (session, args) => {
  const on = onOff(args[2]);
  if (on === undefined) return SYNTAX_ERROR;
  session.noEvict = on;
  return OK;
});

const noTouch = clientSubcommand("no-touch", 3, (session, args) => {
  const on = onOff(args[2]);
  if (on === undefined) return SYNTAX_ERROR;
  session.noTouch = on;
  return OK;
});

export const clientControlSubcommands: readonly CommandDef[] = [
  pause,
  unpause,
  reply,
  noEvict,
  noTouch,
];
