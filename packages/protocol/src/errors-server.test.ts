import { describe, expect, test } from "vitest";
import { ExecAbortError, RequestError } from "./errors.js";
import {
  glideErrorFor,
  glideServerError,
  glideServerErrorMessage,
  serverErrorCode,
  serverErrorReply,
} from "./errors-server.js";

// Every row was read from GLIDE 2.5.2 against redis-server 7.0 (the server's line on the left).
const rows: [string, string][] = [
  [
    "NOSCRIPT No matching script. Please use EVAL.",
    "An error was signalled by the server: - NoScriptError: No matching script. Please use EVAL.",
  ],
  [
    "ERR wrong number of arguments for 'pfcount' command",
    "An error was signalled by the server: - ResponseError: wrong number of arguments for 'pfcount' command",
  ],
  ["ERR invalid cursor", "An error was signalled by the server: - ResponseError: invalid cursor"],
  [
    "ERR EXEC without MULTI",
    "An error was signalled by the server: - ResponseError: EXEC without MULTI",
  ],
  [
    "WRONGTYPE Operation against a key holding the wrong kind of value",
    "WRONGTYPE: Operation against a key holding the wrong kind of value",
  ],
  ["BUSYKEY Target key name already exists.", "BUSYKEY: Target key name already exists."],
  [
    "EXECABORT Transaction discarded",
    "An error was signalled by the server: - ExecAbortError: Transaction discarded",
  ],
  ["LOADING busy", "An error was signalled by the server: - BusyLoadingError: busy"],
  ["MOVED 1 127.0.0.1:1", "An error was signalled by the server: - Moved: 1 127.0.0.1:1"],
  ["ASK 1 127.0.0.1:1", "An error was signalled by the server: - Ask: 1 127.0.0.1:1"],
  ["TRYAGAIN t", "An error was signalled by the server: - TryAgain: t"],
  ["CLUSTERDOWN d", "An error was signalled by the server: - ClusterDown: d"],
  ["CROSSSLOT c", "An error was signalled by the server: - CrossSlot: c"],
  ["MASTERDOWN m", "An error was signalled by the server: - MasterDown: m"],
  ["READONLY r", "An error was signalled by the server: - ReadOnly: r"],
  [
    "NOTBUSY No scripts in execution right now.",
    "An error was signalled by the server: - NotBusy: No scripts in execution right now.",
  ],
  ["NOPERM p", "An error was signalled by the server: - PermissionDenied: p"],
  ["NOSUB s", "NOSUB: s"],
  ["NOAUTH a", "NOAUTH: a"],
  [
    "WRONGPASS invalid username-password pair or user is disabled.",
    "WRONGPASS: invalid username-password pair or user is disabled.",
  ],
  ["FOO bar  baz", "FOO: bar  baz"],
  ["lower case", "lower: case"],
  ["ERR  two  spaces", "An error was signalled by the server: - ResponseError:  two  spaces"],
];

describe("GLIDE's server error messages", () => {
  test.each(rows)("%s", (server, glide) => {
    expect(glideServerErrorMessage(server)).toBe(glide);
  });

  test("a line without a detail reads as GLIDE's core writes it", () => {
    expect(glideServerErrorMessage("ERR")).toBe(
      "An error was signalled by the server:- ResponseError",
    );
    expect(glideServerErrorMessage("FOO")).toBe("FOO: Unknown extension error encountered");
    expect(glideServerErrorMessage("constructor x")).toBe("constructor: x");
    expect(glideServerErrorMessage("ERR ")).toBe(
      "An error was signalled by the server: - ResponseError: ",
    );
  });

  test("the decoder's error keeps the server's text; the caller's has GLIDE's message", () => {
    const reply = serverErrorReply("WRONGTYPE Operation against a key");
    expect(reply.message).toBe("WRONGTYPE Operation against a key");
    expect(serverErrorCode(reply)).toBe("WRONGTYPE");
    const shown = glideServerError(reply);
    expect(shown).toBeInstanceOf(RequestError);
    expect(shown.message).toBe("WRONGTYPE: Operation against a key");
    expect(shown.serverMessage).toBe("WRONGTYPE Operation against a key");
    expect(Object.keys(shown)).not.toContain("serverMessage");
    expect(glideServerError(shown)).toBe(shown);
    expect(serverErrorCode(shown)).toBe("WRONGTYPE");
  });

  test("EXECABORT is an ExecAbortError, a discarded transaction a RequestError; the client's own errors pass unchanged", () => {
    expect(glideServerError(serverErrorReply("EXECABORT Transaction discarded"))).toBeInstanceOf(
      ExecAbortError,
    );
    expect(glideServerError(serverErrorReply("EXECABORTED x"))).not.toBeInstanceOf(ExecAbortError);
    const own = new RequestError("customCommand needs arguments");
    expect(glideServerError(own)).toBe(own);
    expect(serverErrorCode(own)).toBeUndefined();
    const discarded = glideErrorFor(
      "ERR unknown command 'X'",
      "EXECABORT Transaction discarded because of previous errors.",
    );
    // GLIDE 2.5.2 raises RequestError here (packages/petrel/test/glide-fidelity.test.ts).
    expect(discarded).toBeInstanceOf(RequestError);
    expect(discarded).not.toBeInstanceOf(ExecAbortError);
    expect(discarded.message).toBe(
      "An error was signalled by the server: - ResponseError: unknown command 'X'",
    );
    expect(discarded.serverMessage).toBe(
      "EXECABORT Transaction discarded because of previous errors.",
    );
  });
});
