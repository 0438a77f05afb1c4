// MIGRATE: the keys' DUMP payloads sent to another server as RESTORE commands
// over a connection of the node's own (AUTH/AUTH2 and SELECT first), then the
// keys deleted here unless COPY. The connection is opened for each call (the
// server caches it for 10 s, which no reply shows). The client waits, as on
// the server, while the target answers.

import { connect } from "node:net";
import { encodeCommand, type ReplyFrame } from "@petrel/protocol";
import { arg, token } from "../data/command.js";
import { parseInt64 } from "../data/float.js";
import type { CommandDef } from "../server/command-table.js";
import { error, OK, simple } from "../server/frames.js";
import type { Session } from "../server/session.js";
import { sealPayload } from "./payload.js";
import { writeValue } from "./value.js";

const NOT_INTEGER = "ERR value is not an integer or out of range";

interface MigrateRequest {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly timeoutMs: number;
  readonly copy: boolean;
  readonly replace: boolean;
  readonly auth: readonly Buffer[] | undefined;
  readonly keys: readonly Buffer[];
}

function parse(args: Buffer[]): MigrateRequest | { error: string } {
  const port = parseInt64(arg(args, 2));
  const db = parseInt64(arg(args, 4));
  const timeout = parseInt64(arg(args, 5));
  if (port === undefined || db === undefined || timeout === undefined)
    return { error: NOT_INTEGER };
  let copy = false;
  let replace = false;
  let auth: Buffer[] | undefined;
  let keys: Buffer[] = [arg(args, 3)];
  for (let i = 6; i < args.length; i++) {
    const option = token(args[i]);
    if (option === "COPY") copy = true;
    else if (option === "REPLACE") replace = true;
    else if (option === "AUTH" && i + 1 < args.length) auth = [arg(args, ++i)];
    else if (option === "AUTH2" && i + 2 < args.length) auth = [arg(args, ++i), arg(args, ++i)];
    else if (option === "KEYS") {
      if (arg(args, 3).length !== 0)
        return {
          error:
            "ERR When using MIGRATE KEYS option, the key argument must be set to the empty string",
        };
      keys = args.slice(i + 1);
      break;
    } else return { error: "ERR syntax error" };
  }
  return {
    host: arg(args, 1).toString("latin1"),
    port: Number(port),
    db: Number(db),
    // The server takes a timeout of 0 or less as 1 s.
    timeoutMs: timeout <= 0n ? 1000 : Number(timeout),
    copy,
    replace,
    auth,
    keys,
  };
}

/** Sends the commands and reads one line reply each; rejects with the server's IOERR text. */
function exchange(
  request: MigrateRequest,
  commands: readonly (readonly (string | Buffer)[])[],
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: request.host, port: request.port });
    const replies: string[] = [];
    let pending = Buffer.alloc(0);
    let connected = false;
    // The server's connect is non-blocking: a refused connection shows when it writes.
    const fail = (timedOut: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      if (connected) reject(new Error("IOERR error or timeout reading to target node"));
      else if (timedOut) reject(new Error("IOERR error or timeout connecting to the client"));
      else reject(new Error("IOERR error or timeout writing to target instance"));
    };
    const timer = setTimeout(() => fail(true), request.timeoutMs);
    socket.on("error", () => fail(false));
    socket.on("connect", () => {
      connected = true;
      socket.write(Buffer.concat(commands.map((command) => encodeCommand(command))));
    });
    socket.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const end = pending.indexOf("\r\n");
        if (end < 0) break;
        replies.push(pending.subarray(0, end).toString("latin1"));
        pending = pending.subarray(end + 2);
      }
      if (replies.length >= commands.length) {
        clearTimeout(timer);
        socket.destroy();
        resolve(replies);
      }
    });
  });
}

/** MIGRATE's keys: the key argument, or the KEYS list when it is empty (as routing and GETKEYS see them). */
function migrateKeyPositions(args: Buffer[]): number[] {
  if (arg(args, 3).length !== 0) return [3];
  for (let i = 6; i < args.length; i++) {
    const option = token(args[i]);
    if (option === "AUTH") i++;
    else if (option === "AUTH2") i += 2;
    else if (option === "KEYS")
      return Array.from({ length: args.length - i - 1 }, (_, k) => i + 1 + k);
  }
  return [3];
}

/** MIGRATE host port key|"" destination-db timeout [COPY] [REPLACE] [AUTH…] [KEYS…]. */
export const migrateCommand: CommandDef = {
  name: "migrate",
  arity: -6,
  flags: ["write"],
  keys: migrateKeyPositions,
  group: "generic",
  run(session: Session, args: Buffer[]) {
    const request = parse(args);
    if ("error" in request) return error(request.error);
    const dbIndex = session.db;
    const db = session.node.database(dbIndex);
    const now = session.node.clock.now();
    const present: Buffer[] = [];
    const commands: (string | Buffer)[][] = [];
    if (request.auth !== undefined) commands.push(["AUTH", ...request.auth]);
    commands.push(["SELECT", String(request.db)]);
    for (const key of request.keys) {
      const entry = db.get(key);
      if (entry === undefined) continue;
      const value = writeValue(entry);
      const ttl = entry.expiresAt === undefined ? 0 : Math.max(1, entry.expiresAt - now);
      const restore = ["RESTORE", key, String(ttl), sealPayload(value)];
      if (request.replace) restore.push("REPLACE");
      commands.push(restore);
      present.push(key);
    }
    if (present.length === 0) return simple("NOKEY");
    let settled: ReplyFrame | undefined;
    let waiting = true;
    exchange(request, commands).then(
      (replies) => {
        const failed = replies.find((reply) => reply.startsWith("-"));
        if (failed !== undefined) {
          settled = error(`ERR Target instance replied with error: ${failed.slice(1)}`);
        } else {
          if (!request.copy) {
            for (const key of present) {
              db.delete(key);
              session.node.notifyKeyspaceEvent("g", "del", key, dbIndex);
            }
          }
          settled = OK;
        }
        finish();
      },
      (failure: Error) => {
        settled = error(failure.message);
        finish();
      },
    );
    const finish = () => {
      if (!waiting || session.isClosed || settled === undefined) return;
      waiting = false;
      session.node.unblockWith(session, settled);
      session.node.propagate();
    };
    return {
      block: {
        keys: [],
        timeoutMs: 0,
        attempt: () => {
          if (!waiting || settled === undefined) return undefined;
          waiting = false;
          return settled;
        },
        // Inside MULTI nothing waits: the fake cannot migrate there.
        timeoutReply: () => error("ERR MIGRATE inside MULTI is not supported by the fake"),
      },
    };
  },
};
