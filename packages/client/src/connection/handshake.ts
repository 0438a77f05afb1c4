// The commands that prepare a fresh connection, and the reading of their
// replies. Everything is written in one go; HELLO's refusal (NOPROTO or an
// unknown command) downgrades the connection to RESP2 and a second round
// sends AUTH and CLIENT SETNAME on their own.
import { type CommandArg, ConnectionError, RequestError, type RespValue } from "@petrel/protocol";
import type { ResolvedCredentials } from "../auth/credentials-provider.js";
import { PETREL_VERSION } from "../version.js";

export interface HandshakeSettings {
  readonly resp: 2 | 3;
  readonly credentials: ResolvedCredentials | undefined;
  readonly clientName: string | undefined;
  readonly databaseId: number;
  readonly libName: string;
  /** Commands every connection of this kind needs after the handshake (e.g. READONLY on replicas). */
  readonly extraCommands: readonly (readonly CommandArg[])[];
}

export interface HandshakeResult {
  /** The protocol the connection ended up speaking. */
  readonly resp: 2 | 3;
}

type Execute = (commands: readonly (readonly CommandArg[])[]) => Promise<RespValue[]>;

export function authCommand(credentials: ResolvedCredentials): CommandArg[] {
  return credentials.username === undefined
    ? ["AUTH", credentials.password]
    : ["AUTH", credentials.username, credentials.password];
}

function helloCommand(settings: HandshakeSettings): CommandArg[] {
  const hello: CommandArg[] = ["HELLO", "3"];
  if (settings.credentials)
    hello.push("AUTH", settings.credentials.username ?? "default", settings.credentials.password);
  if (settings.clientName !== undefined) hello.push("SETNAME", settings.clientName);
  return hello;
}

/** Commands after authentication; their replies are checked by `checkTail`. */
function tailCommands(settings: HandshakeSettings): CommandArg[][] {
  const tail: CommandArg[][] = [];
  if (settings.databaseId !== 0) tail.push(["SELECT", settings.databaseId]);
  tail.push(["CLIENT", "SETINFO", "LIB-NAME", settings.libName]);
  tail.push(["CLIENT", "SETINFO", "LIB-VER", PETREL_VERSION]);
  for (const command of settings.extraCommands) tail.push([...command]);
  return tail;
}

function checkTail(tail: CommandArg[][], replies: RespValue[]): void {
  tail.forEach((command, index) => {
    const reply = replies[index];
    const isSetInfo = command[0] === "CLIENT" && command[1] === "SETINFO";
    // Older servers lack CLIENT SETINFO; it is informational only.
    if (reply instanceof RequestError && !isSetInfo) {
      throw new ConnectionError(`Handshake command ${String(command[0])} failed: ${reply.message}`);
    }
  });
}

function isHelloUnsupported(reply: RespValue | undefined): boolean {
  if (!(reply instanceof RequestError)) return false;
  return reply.message.startsWith("NOPROTO") || /unknown command/i.test(reply.message);
}

async function resp2Round(settings: HandshakeSettings, execute: Execute): Promise<HandshakeResult> {
  const head: CommandArg[][] = [];
  if (settings.credentials) head.push(authCommand(settings.credentials));
  if (settings.clientName !== undefined) head.push(["CLIENT", "SETNAME", settings.clientName]);
  const tail = tailCommands(settings);
  const replies = await execute([...head, ...tail]);
  head.forEach((command, index) => {
    const reply = replies[index];
    if (reply instanceof RequestError) {
      throw new ConnectionError(`Handshake command ${String(command[0])} failed: ${reply.message}`);
    }
  });
  checkTail(tail, replies.slice(head.length));
  return { resp: 2 };
}

/** Runs the handshake through `execute`; throws ConnectionError with the server's message on failure. */
export async function performHandshake(
  settings: HandshakeSettings,
  execute: Execute,
): Promise<HandshakeResult> {
  if (settings.resp === 2) return resp2Round(settings, execute);
  const tail = tailCommands(settings);
  const replies = await execute([helloCommand(settings), ...tail]);
  const helloReply = replies[0];
  if (isHelloUnsupported(helloReply)) return resp2Round(settings, execute);
  if (helloReply instanceof RequestError)
    throw new ConnectionError(`Handshake command HELLO failed: ${helloReply.message}`);
  checkTail(tail, replies.slice(1));
  return { resp: 3 };
}
