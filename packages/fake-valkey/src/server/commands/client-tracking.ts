// CLIENT TRACKING, CACHING, TRACKINGINFO and GETREDIR, with the server's
// option checks and error texts (networking.c's clientCommand).

import { parseInt64 } from "../../data/float.js";
import type { CommandDef } from "../command-table.js";
import { array, bulk, error, integer, map, OK, SYNTAX_ERROR } from "../frames.js";
import { prefixesOverlap, type TrackingOptions } from "../tracking.js";
import { clientSubcommand, latin1 } from "./client-subcommand.js";

const OVERLAP_NOTE = "Prefixes for a single client must not overlap.";

const tracking = clientSubcommand("tracking", -3, (session, args) => {
  let redirect = 0;
  const options = { bcast: false, optin: false, optout: false, noloop: false };
  const prefixes: string[] = [];
  for (let i = 3; i < args.length; i++) {
    const option = latin1(args[i]).toLowerCase();
    const more = i + 1 < args.length;
    if (option === "redirect" && more) {
      i++;
      if (redirect !== 0) return error("ERR A client can only redirect to a single other client");
      const id = parseInt64(args[i] as Buffer);
      if (id === undefined) return error("ERR value is not an integer or out of range");
      if (session.node.sessionById(Number(id)) === undefined)
        return error("ERR The client ID you want redirect to does not exist");
      redirect = Number(id);
    } else if (option === "bcast") options.bcast = true;
    else if (option === "optin") options.optin = true;
    else if (option === "optout") options.optout = true;
    else if (option === "noloop") options.noloop = true;
    else if (option === "prefix" && more) prefixes.push(latin1(args[++i]));
    else return SYNTAX_ERROR;
  }
  const mode = latin1(args[2]).toLowerCase();
  if (mode === "off") {
    session.node.tracking.disable(session);
    return OK;
  }
  if (mode !== "on") return SYNTAX_ERROR;
  const current = session.tracking;
  if (!options.bcast && prefixes.length > 0)
    return error("ERR PREFIX option requires BCAST mode to be enabled");
  if (current !== undefined && current.bcast !== options.bcast) {
    return error(
      "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.",
    );
  }
  if (options.bcast && (options.optin || options.optout))
    return error("ERR OPTIN and OPTOUT are not compatible with BCAST");
  if (options.optin && options.optout)
    return error("ERR You can't specify both OPTIN mode and OPTOUT mode");
  if ((options.optin && current?.optout) || (options.optout && current?.optin)) {
    return error(
      "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.",
    );
  }
  if (options.bcast) {
    const problem = prefixCollision(current?.prefixes ?? new Set(), prefixes);
    if (problem !== undefined) return error(problem);
  }
  const enabled: TrackingOptions = { redirect, ...options, prefixes };
  session.node.tracking.enable(session, enabled);
  return OK;
});

/** The server's error for a prefix overlapping one already set or another one given. */
function prefixCollision(
  existing: ReadonlySet<string>,
  given: readonly string[],
): string | undefined {
  const sortedExisting = [...existing].sort();
  for (const [i, prefix] of given.entries()) {
    const clash = sortedExisting.find((other) => prefixesOverlap(other, prefix));
    if (clash !== undefined)
      return `ERR Prefix '${prefix}' overlaps with an existing prefix '${clash}'. ${OVERLAP_NOTE}`;
    for (const other of given.slice(i + 1)) {
      if (prefixesOverlap(prefix, other))
        return `ERR Prefix '${prefix}' overlaps with another provided prefix '${other}'. ${OVERLAP_NOTE}`;
    }
  }
  return undefined;
}

const caching = clientSubcommand("caching", 3, (session, args) => {
  const state = session.tracking;
  if (state === undefined) {
    return error(
      "ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled",
    );
  }
  const choice = latin1(args[2]).toLowerCase();
  if (choice === "yes") {
    if (!state.optin)
      return error("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
  } else if (choice === "no") {
    if (!state.optout)
      return error("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
  } else return SYNTAX_ERROR;
  state.caching = true;
  return OK;
});

const trackingInfo = clientSubcommand("trackinginfo", 2, (session) => {
  const state = session.tracking;
  const flags: string[] = [state === undefined ? "off" : "on"];
  if (state?.bcast) flags.push("bcast");
  if (state?.optin) flags.push("optin", ...(state.caching ? ["caching-yes"] : []));
  if (state?.optout) flags.push("optout", ...(state.caching ? ["caching-no"] : []));
  if (state?.noloop) flags.push("noloop");
  if (state?.brokenRedirect) flags.push("broken_redirect");
  const prefixes = [...(state?.prefixes ?? [])].sort();
  return map([
    [bulk("flags"), { type: "set", value: flags.map((flag) => bulk(flag)) }],
    [bulk("redirect"), integer(state?.redirect ?? -1)],
    [bulk("prefixes"), array(prefixes.map((prefix) => bulk(Buffer.from(prefix, "latin1"))))],
  ]);
});

const getRedir = clientSubcommand("getredir", 2, (session) =>
  integer(session.tracking?.redirect ?? -1),
);

export const clientTrackingSubcommands: readonly CommandDef[] = [
  tracking,
  caching,
  trackingInfo,
  getRedir,
];
