import { type CommandArg, ConnectionError, RequestError, type RespValue } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { type HandshakeSettings, performHandshake } from "./handshake.js";

const settings: HandshakeSettings = {
  resp: 3,
  credentials: { password: "pw" },
  clientName: "app",
  databaseId: 1,
  libName: "petrel",
  extraCommands: [["READONLY"]],
};

/** A fake server: answers each command with `answer(command)`, recording the rounds. */
function fakeExecute(answer: (command: readonly CommandArg[]) => RespValue) {
  const rounds: string[][] = [];
  const execute = async (commands: readonly (readonly CommandArg[])[]) => {
    rounds.push(commands.map((command) => command.join(" ")));
    return commands.map(answer);
  };
  return { rounds, execute };
}

describe("performHandshake", () => {
  it("sends HELLO with AUTH and SETNAME, then SELECT, SETINFO and extras, in one round", async () => {
    const { rounds, execute } = fakeExecute(() => "OK");
    expect(await performHandshake(settings, execute)).toEqual({ resp: 3 });
    expect(rounds).toEqual([
      [
        "HELLO 3 AUTH default pw SETNAME app",
        "SELECT 1",
        "CLIENT SETINFO LIB-NAME petrel",
        expect.stringMatching(/^CLIENT SETINFO LIB-VER \S+$/),
        "READONLY",
      ],
    ]);
  });

  it("uses AUTH and CLIENT SETNAME for RESP2, and ignores SETINFO errors", async () => {
    const { rounds, execute } = fakeExecute((command) =>
      command[1] === "SETINFO" ? new RequestError("ERR unknown subcommand 'SETINFO'") : "OK",
    );
    const result = await performHandshake(
      { ...settings, resp: 2, credentials: { username: "u", password: "p" } },
      execute,
    );
    expect(result).toEqual({ resp: 2 });
    expect(rounds[0]?.slice(0, 3)).toEqual(["AUTH u p", "CLIENT SETNAME app", "SELECT 1"]);
  });

  it("downgrades when HELLO is unknown, and fails with the server's message otherwise", async () => {
    const unknown = fakeExecute((command) =>
      command[0] === "HELLO"
        ? new RequestError("ERR unknown command 'HELLO', with args beginning with: '3'")
        : "OK",
    );
    expect(await performHandshake(settings, unknown.execute)).toEqual({ resp: 2 });
    expect(unknown.rounds[1]?.[0]).toBe("AUTH pw");

    const wrong = fakeExecute((command) =>
      command[0] === "HELLO" ? new RequestError("WRONGPASS invalid username-password pair") : "OK",
    );
    const error = await performHandshake(settings, wrong.execute).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("WRONGPASS invalid username-password pair");

    const badDb = fakeExecute((command) =>
      command[0] === "SELECT" ? new RequestError("ERR DB index is out of range") : "OK",
    );
    await expect(performHandshake(settings, badDb.execute)).rejects.toThrow(
      /SELECT failed: ERR DB index/,
    );
  });
});
