// The standalone client over a Unix domain socket, against a real redis-server
// listening on one (`unixsocket`): commands, the database from the URI, Pub/Sub,
// and a reconnect through the same socket.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { until } from "@petrel/fake-valkey";
import { type RunningTopology, startStandalone } from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  configFromUri,
  GlideClient,
  GlideClusterClient,
  type PubSubMsg,
} from "../src/index.js";

describe("Unix domain sockets", () => {
  let server: RunningTopology;
  let directory: string;
  let socketPath: string;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "petrel-unix-"));
    socketPath = path.join(directory, "valkey.sock");
    server = await startStandalone({
      extraConfig: { unixsocket: socketPath, unixsocketperm: "700" },
    });
  });

  afterAll(async () => {
    await server?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it("runs commands through { path }, and the URI's db selects the database", async () => {
    const direct = await GlideClient.createClient({ addresses: [{ path: socketPath }] });
    const fromUri = await GlideClient.createClient(configFromUri(`unix://${socketPath}?db=3`));
    try {
      expect(await direct.customCommand(["CLIENT", "INFO"])).toMatch(
        / addr=\/[^ ]*valkey\.sock:0 /,
      );
      await fromUri.set("unix-key", "in db 3");
      expect(await fromUri.get("unix-key")).toBe("in db 3");
      expect(await direct.get("unix-key")).toBeNull();
      await direct.select(3);
      expect(await direct.get("unix-key")).toBe("in db 3");
    } finally {
      direct.close();
      fromUri.close();
    }
  });

  it("reconnects through the socket after the server drops the connection", async () => {
    const client = await GlideClient.createClient(configFromUri(`valkey+unix://${socketPath}`));
    const admin = await GlideClient.createClient({ addresses: [{ path: socketPath }] });
    try {
      const id = await client.customCommand(["CLIENT", "ID"]);
      await admin.customCommand(["CLIENT", "KILL", "ID", String(id)]);
      let newId = id;
      await until(async () => {
        newId = await client.customCommand(["CLIENT", "ID"]).catch(() => id);
        return newId !== id;
      });
      expect(await client.customCommand(["CLIENT", "INFO"])).toMatch(/ addr=\/[^ ]*:0 /);
    } finally {
      client.close();
      admin.close();
    }
  });

  it("delivers Pub/Sub messages on a subscriber connection over the socket", async () => {
    const received: PubSubMsg[] = [];
    const subscriber = await GlideClient.createClient({
      addresses: [{ path: socketPath }],
      pubsubSubscriptions: {
        channelsAndPatterns: { 0: new Set(["unix-news"]) },
        callback: (message) => received.push(message),
      },
    });
    const publisher = await GlideClient.createClient({ addresses: [{ path: socketPath }] });
    try {
      expect(await publisher.publish("over the socket", "unix-news")).toBe(1);
      await until(() => received.length === 1);
      expect(received[0]).toEqual({
        message: "over the socket",
        channel: "unix-news",
        pattern: null,
      });
    } finally {
      subscriber.close();
      publisher.close();
    }
  });

  it("refuses a Unix socket for a cluster client", async () => {
    const error = await GlideClusterClient.createClient(
      configFromUri(`unix://${socketPath}`) as never,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/not reached through a Unix socket/);
  });
});
