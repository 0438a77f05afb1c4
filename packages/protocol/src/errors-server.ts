// Server error replies, and the message GLIDE gives them. GLIDE's Rust core
// splits an error line at its first space into a code and a detail; twelve codes
// have a named kind (the table below) and read "An error was signalled by the
// server: - <Kind>: <detail>", any other code reads "<CODE>: <detail>". Users
// match on those texts, so Petrel produces the same ones; the server's own line
// stays on `serverMessage`.
import { ExecAbortError, RequestError } from "./errors.js";

/** GLIDE's kind name for each error code its core knows. */
const knownKinds: Readonly<Record<string, string>> = {
  ERR: "ResponseError",
  EXECABORT: "ExecAbortError",
  LOADING: "BusyLoadingError",
  NOSCRIPT: "NoScriptError",
  MOVED: "Moved",
  ASK: "Ask",
  TRYAGAIN: "TryAgain",
  CLUSTERDOWN: "ClusterDown",
  CROSSSLOT: "CrossSlot",
  MASTERDOWN: "MasterDown",
  READONLY: "ReadOnly",
  NOTBUSY: "NotBusy",
  NOPERM: "PermissionDenied",
};

const KNOWN_PREFIX = "An error was signalled by the server:";

/**
 * GLIDE's message for a server error line (the text after `-` or in a `!` frame):
 * `ERR invalid cursor` → `An error was signalled by the server: - ResponseError: invalid cursor`,
 * `WRONGTYPE Operation against…` → `WRONGTYPE: Operation against…`.
 */
export function glideServerErrorMessage(serverText: string): string {
  const space = serverText.indexOf(" ");
  const code = errorCode(serverText);
  const detail = space < 0 ? undefined : serverText.slice(space + 1);
  // `in` would also find Object.prototype's names ("constructor"…).
  const kind = Object.hasOwn(knownKinds, code) ? knownKinds[code] : undefined;
  if (kind === undefined) return `${code}: ${detail ?? "Unknown extension error encountered"}`;
  return detail === undefined ? `${KNOWN_PREFIX}- ${kind}` : `${KNOWN_PREFIX} - ${kind}: ${detail}`;
}

/** The code of a server error line: its first word (`WRONGTYPE`, `MOVED`…). */
function errorCode(serverText: string): string {
  const space = serverText.indexOf(" ");
  return space < 0 ? serverText : serverText.slice(0, space);
}

/**
 * The code of a server error (`"MOVED"`, `"NOSCRIPT"`…), read from its `serverMessage`;
 * undefined for errors the client raised itself.
 */
export function serverErrorCode(error: Error): string | undefined {
  const serverText = (error as RequestError).serverMessage;
  return serverText === undefined ? undefined : errorCode(serverText);
}

/** The error the decoder makes of a server error reply: its message is the server's text. */
export function serverErrorReply(serverText: string): RequestError {
  return withServerMessage(new RequestError(serverText), serverText);
}

/**
 * The error a caller sees for a server error reply: GLIDE's message, the server's text on
 * `serverMessage`, and `ExecAbortError` for EXECABORT. Other errors are returned as they are,
 * and so is one already converted (its message no longer equals the server's text: GLIDE's
 * form always adds a colon after the code).
 */
export function glideServerError(error: RequestError): RequestError {
  const serverText = error.serverMessage;
  if (serverText === undefined || error.message !== serverText) return error;
  return glideErrorFor(serverText, serverText);
}

/**
 * A server error with GLIDE's message for `messageText` and `serverText` kept as the server's
 * own (they differ for a discarded transaction: its message is the queued command's error).
 * The class follows the message, as in GLIDE 2.5.2: a discarded transaction is a
 * `RequestError` with the refused command's error, and only an `EXECABORT` message itself
 * makes an `ExecAbortError`.
 */
export function glideErrorFor(messageText: string, serverText: string): RequestError {
  const message = glideServerErrorMessage(messageText);
  const error =
    errorCode(messageText) === "EXECABORT"
      ? new ExecAbortError(message)
      : new RequestError(message);
  return withServerMessage(error, serverText);
}

/** Not enumerable, like `message`: errors compare and print as GLIDE's do. */
function withServerMessage(error: RequestError, serverText: string): RequestError {
  Object.defineProperty(error, "serverMessage", {
    value: serverText,
    enumerable: false,
    writable: true,
    configurable: true,
  });
  return error;
}
