// Diagnostics channels, statistics and the logger, observed from outside the client.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type CommandEndMessage,
  type CommandStartMessage,
  GlideClient,
  Logger,
  type SendEndMessage,
  type SendStartMessage,
  subscribe,
  type TimeoutMessage,
} from "../src/index.js";
import { defaultAnswer, ScriptedServer } from "./helpers/scripted-server.js";

let fake: ScriptedServer | undefined;

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

describe("instrumentation", () => {
  it("publishes start, send and end messages for each command, and timeouts", async () => {
    fake = await ScriptedServer.start((args) =>
      args[1] === "slow" ? "silence" : defaultAnswer(args),
    );
    const starts: CommandStartMessage[] = [];
    const sendStarts: SendStartMessage[] = [];
    const sendEnds: SendEndMessage[] = [];
    const ends: CommandEndMessage[] = [];
    const timeouts: TimeoutMessage[] = [];
    const unsubscribers = [
      subscribe("commandStart", (m) => starts.push(m)),
      subscribe("sendStart", (m) => sendStarts.push(m)),
      subscribe("sendEnd", (m) => sendEnds.push(m)),
      subscribe("commandEnd", (m) => ends.push(m)),
      subscribe("timeout", (m) => timeouts.push(m)),
    ];
    const client = await GlideClient.createClient({
      addresses: [fake.address],
      requestTimeout: 50,
      databaseId: 4,
    });
    try {
      expect(await client.customCommand(["ECHO", "hi"])).toBe("hi");
      await expect(client.customCommand(["ECHO", "slow"])).rejects.toThrow(/timed out/);
    } finally {
      client.close();
      for (const unsubscribe of unsubscribers) unsubscribe();
    }
    expect(starts.map((m) => [m.name, m.glideName, m.args, m.database])).toEqual([
      ["ECHO", "CustomCommand", ["ECHO", "hi"], 4],
      ["ECHO", "CustomCommand", ["ECHO", "slow"], 4],
    ]);
    const [first, second] = starts as [CommandStartMessage, CommandStartMessage];
    expect(sendStarts.map((m) => m.requestId)).toEqual([first.requestId, second.requestId]);
    expect(sendStarts[0]?.port).toBe(fake.port);
    expect(sendEnds.map((m) => [m.requestId, m.error])).toEqual([[first.requestId, undefined]]);
    expect(ends.map((m) => m.requestId)).toEqual([first.requestId, second.requestId]);
    expect(ends[0]?.error).toBeUndefined();
    expect(ends[1]?.error?.name).toBe("TimeoutError");
    expect(timeouts).toEqual([{ requestId: second.requestId, timeoutMs: 50 }]);
  });

  it("counts connections and clients across the process", async () => {
    fake = await ScriptedServer.start();
    const a = await GlideClient.createClient({ addresses: [fake.address] });
    const base = a.getStatistics();
    expect(typeof base.total_connections).toBe("string");
    const b = await GlideClient.createClient({ addresses: [fake.address] });
    expect(Number(b.getStatistics().total_connections)).toBe(Number(base.total_connections) + 1);
    expect(Number(b.getStatistics().total_clients)).toBe(Number(base.total_clients) + 1);
    b.close();
    expect(a.getStatistics()).toEqual(base);
    a.close();
  });
});

describe("Logger", () => {
  it("writes enabled levels to the file and never logs passwords", async () => {
    const directory = mkdtempSync(join(tmpdir(), "petrel-log-"));
    const file = join(directory, "client.log");
    try {
      Logger.setLoggerConfig("info", file);
      Logger.log("debug", "test", "hidden");
      Logger.log("warn", "test", "shown");
      fake = await ScriptedServer.start((args) =>
        args[0] === "HELLO" ? "-WRONGPASS invalid username-password pair\r\n" : defaultAnswer(args),
      );
      await expect(
        GlideClient.createClient({
          addresses: [fake.address],
          credentials: { password: "s3cret-value" },
        }),
      ).rejects.toThrow(/WRONGPASS/);
      const text = readFileSync(file, "utf8");
      expect(text).toMatch(/WARN test - shown/);
      expect(text).not.toMatch(/hidden/);
      expect(text).toMatch(/WRONGPASS/);
      expect(text).not.toMatch(/s3cret-value/);
      expect(() => Logger.setLoggerConfig("loud" as never)).toThrow(/Unknown log level/);
    } finally {
      Logger.setLoggerConfig("error");
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
