// 10,000 reconnect cycles must not grow the heap: every socket, decoder,
// timer and request of a dead connection has to become garbage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionError, GlideClient } from "../src/index.js";
import { defaultAnswer, ScriptedServer } from "./helpers/scripted-server.js";

const gc = (globalThis as { gc?: () => void }).gc;
let fake: ScriptedServer;

beforeAll(async () => {
  fake = await ScriptedServer.start((args) => (args[1] === "die" ? "close" : defaultAnswer(args)));
});

afterAll(async () => {
  await fake.stop();
});

async function cycles(client: GlideClient, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const error = await client.customCommand(["ECHO", "die"]).catch((e: unknown) => e);
    if (!(error instanceof ConnectionError))
      throw new Error(`cycle ${i}: expected ConnectionError, got ${String(error)}`);
    // The scripted server lives in this process too: forget its closed connections.
    if (i % 100 === 0) fake.connections.splice(0, fake.connections.length - 1);
  }
}

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc?.();
  return process.memoryUsage().heapUsed;
}

describe.runIf(gc !== undefined)("reconnect leak", () => {
  it("keeps the heap flat over 10,000 reconnects", { timeout: 60_000 }, async () => {
    const client = await GlideClient.createClient({
      addresses: [fake.address],
      requestTimeout: 2000,
    });
    const connectionsBefore = Number(client.getStatistics().total_connections);
    try {
      await cycles(client, 1000);
      const warm = heapAfterGc();
      await cycles(client, 9000);
      expect(await client.customCommand(["ECHO", "alive"])).toBe("alive");
      const after = heapAfterGc();
      expect(after - warm).toBeLessThan(4 * 1024 * 1024);
      expect(Number(client.getStatistics().total_connections)).toBe(connectionsBefore);
    } finally {
      client.close();
    }
  });
});
