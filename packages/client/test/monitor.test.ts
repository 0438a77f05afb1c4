// GlideMonitorClient against a real redis-server: lines parsed as GLIDE's
// MonitorLine, the callback form, MONITOR resumed after the connection is
// killed, the bounded queue, and a cluster monitored node by node.
import { startStandalone as startFake, until } from "@petrel/fake-valkey";
import { type RunningTopology, startCluster, startStandalone } from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ClosingError,
  ConfigurationError,
  closeMonitorClient,
  createMonitorClient,
  GlideClient,
  GlideClusterClient,
  GlideMonitorClient,
  MONITOR_QUEUE_LIMIT,
  type MonitorLine,
} from "../src/index.js";

describe("GlideMonitorClient (redis-server)", () => {
  let server: RunningTopology;
  let client: GlideClient;

  beforeAll(async () => {
    server = await startStandalone();
    client = await GlideClient.createClient({ addresses: server.description.addresses });
  });

  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  /** The next line for `command`, skipping others (the client's own handshake, pings). */
  async function nextOf(monitor: GlideMonitorClient, command: string): Promise<MonitorLine> {
    for (let i = 0; i < 1000; i++) {
      const line = await monitor.getNextMessage();
      if (line.command.toUpperCase() === command) return line;
    }
    throw new Error(`no ${command} line`);
  }

  it("streams parsed lines to getNextMessage, and rejects once closed", async () => {
    const monitor = await GlideMonitorClient.create({ addresses: server.description.addresses });
    try {
      expect(monitor.tryGetNextMessage()).toBeUndefined();
      await client.select(2);
      await client.set("mon-key", 'a "quoted"\nvalue');
      const line = await nextOf(monitor, "SET");
      expect(line.db).toBe(2);
      expect(line.args).toEqual(["mon-key", 'a "quoted"\nvalue']);
      expect(line.clientAddr).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(Math.abs(line.timestamp - Date.now() / 1000)).toBeLessThan(60);
      await client.select(0);
    } finally {
      await monitor.close();
      await monitor.close();
    }
    await expect(monitor.getNextMessage()).rejects.toBeInstanceOf(ClosingError);
  });

  it("hands lines to the callback and resumes MONITOR after its connection is killed", async () => {
    const seen: MonitorLine[] = [];
    const monitor = await GlideMonitorClient.create(
      { addresses: server.description.addresses },
      (line) => seen.push(line),
    );
    try {
      await client.get("before-kill");
      await until(() => seen.some((l) => l.args[0] === "before-kill"), 5000);
      expect(
        await client.customCommand(["CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes"]),
      ).toBeGreaterThanOrEqual(1);
      await until(async () => {
        await client.get("after-kill");
        return seen.some((l) => l.args[0] === "after-kill");
      }, 10_000);
    } finally {
      await monitor.close();
    }
  });

  it("keeps at most MONITOR_QUEUE_LIMIT unread lines and counts the dropped ones", async () => {
    const monitor = await GlideMonitorClient.create({ addresses: server.description.addresses });
    try {
      const extra = 50;
      const flooder = await GlideClient.createClient({
        addresses: server.description.addresses,
        inflightRequestsLimit: 2 * MONITOR_QUEUE_LIMIT,
        requestTimeout: 10_000,
      });
      try {
        await Promise.all(
          Array.from({ length: MONITOR_QUEUE_LIMIT + extra }, (_, i) =>
            flooder.set(`flood:${i}`, "x"),
          ),
        );
      } finally {
        flooder.close();
      }
      await until(() => monitor.droppedLines >= extra, 10_000);
      let queued = 0;
      let first: MonitorLine | undefined;
      for (let line = monitor.tryGetNextMessage(); line; line = monitor.tryGetNextMessage()) {
        first ??= line;
        queued++;
      }
      expect(queued).toBe(MONITOR_QUEUE_LIMIT);
      // The oldest lines went: the first one kept is not the first SET.
      expect(first?.args[0]).not.toBe("flood:0");
    } finally {
      await monitor.close();
    }
  });
});

describe("GlideMonitorClient on a cluster (redis-server)", () => {
  let cluster: RunningTopology;

  beforeAll(async () => {
    cluster = await startCluster({ shape: { primaries: 3, replicasPerPrimary: 0 } });
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it("monitors every given node", async () => {
    const addresses = cluster.description.addresses;
    const seen: MonitorLine[] = [];
    const monitor = await GlideMonitorClient.create({ addresses }, (line) => seen.push(line));
    const client = await GlideClusterClient.createClient({ addresses });
    try {
      const keys = Array.from({ length: 30 }, (_, i) => `spread:${i}`);
      for (const key of keys) await client.set(key, "v");
      await until(
        () =>
          keys.every((key) =>
            seen.some((l) => l.command.toUpperCase() === "SET" && l.args[0] === key),
          ),
        10_000,
      );
    } finally {
      client.close();
      await monitor.close();
    }
  });
});

describe("GlideMonitorClient (fake-valkey)", () => {
  it("streams lines and resumes after the fake drops its connections", async () => {
    const fake = await startFake();
    const addresses = [{ host: fake.host, port: fake.port }];
    const seen: MonitorLine[] = [];
    const monitor = await GlideMonitorClient.create({ addresses }, (line) => seen.push(line));
    const client = await GlideClient.createClient({ addresses });
    try {
      await client.set("fake-key", "a\tb");
      await until(
        () => seen.some((l) => l.command.toUpperCase() === "SET" && l.args[1] === "a\tb"),
        5000,
      );
      fake.dropConnections();
      await until(async () => {
        await client.get("after-drop").catch(() => undefined);
        return seen.some((l) => l.args[0] === "after-drop");
      }, 10_000);
    } finally {
      client.close();
      await monitor.close();
      await fake.stop();
    }
  });
});

describe("createMonitorClient / closeMonitorClient (fake-valkey)", () => {
  it("streams each line's fields to the callback under a numeric handle until closed", async () => {
    const fake = await startFake();
    const addresses = [{ host: fake.host, port: fake.port }];
    const seen: [number, number, string, string, string[]][] = [];
    const handle = await createMonitorClient({ addresses }, (...fields) => seen.push(fields));
    const other = await createMonitorClient({ addresses }, () => undefined);
    const client = await GlideClient.createClient({ addresses });
    try {
      expect(Number.isInteger(handle) && handle > 0).toBe(true);
      expect(other).not.toBe(handle);
      await client.set("handle-key", "v");
      await until(() => seen.some(([, , , command]) => command.toUpperCase() === "SET"), 5000);
      const [timestamp, db, clientAddr, , args] = seen.find(
        ([, , , command]) => command.toUpperCase() === "SET",
      ) as (typeof seen)[number];
      expect(args).toEqual(["handle-key", "v"]);
      expect(db).toBe(0);
      expect(clientAddr).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);

      await closeMonitorClient(handle);
      await closeMonitorClient(handle); // closed already: resolves, as GLIDE's does
      await closeMonitorClient(987_654); // never issued: resolves too
      // No line reaches the closed handle's callback; the other handle still streams.
      const count = seen.length;
      const otherSeen: string[] = [];
      await closeMonitorClient(other);
      const third = await createMonitorClient({ addresses }, (_t, _d, _a, _c, lineArgs) =>
        otherSeen.push(...lineArgs),
      );
      await client.get("after-close");
      await until(() => otherSeen.includes("after-close"), 5000);
      expect(seen.length).toBe(count);
      await closeMonitorClient(third);
    } finally {
      client.close();
      await fake.stop();
    }
  });

  it("rejects a configuration without addresses with ConfigurationError", async () => {
    await expect(createMonitorClient({ addresses: [] }, () => undefined)).rejects.toBeInstanceOf(
      ConfigurationError,
    );
  });
});
