// IAM end to end on the fake: the server accepts a token only while it is
// valid (signed less than 15 minutes ago on the test clock), so every handshake
// and re-AUTH must carry a fresh one.

import {
  ConfigurationError,
  GlideClient,
  type GlideClientConfiguration,
  GlideClusterClient,
  ServiceType,
} from "@petrel/client";
import {
  type FakeCluster,
  type FakeStandalone,
  startCluster,
  startStandalone,
} from "@petrel/fake-valkey";
import { afterEach, describe, expect, it } from "vitest";
import { registerIam } from "../src/index.js";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "test-secret-key" };
const start = Date.parse("2026-11-24T10:00:00Z");
let now = start;
const clockNow = () => now;
const iamUser = "iam-user";
const tokensSeen: string[] = [];

function signingTime(token: string): number | undefined {
  const match = /X-Amz-Date=(\d{8}T\d{6}Z)/.exec(token);
  if (!match?.[1]) return undefined;
  const d = match[1];
  return Date.parse(
    `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`,
  );
}

/** Server-side check: the right user, the cluster as host, signed within the last 15 minutes. */
function acceptsToken(user: string, password: string): boolean | undefined {
  if (user !== iamUser) return undefined;
  tokensSeen.push(password);
  const signedAt = signingTime(password);
  return (
    password.startsWith(`prod-cache/?Action=connect&User=${iamUser}&`) &&
    signedAt !== undefined &&
    now - signedAt >= 0 &&
    now - signedAt < 15 * 60_000
  );
}

/** Polls until `check` holds (bounded), instead of sleeping. */
async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const authenticatedConnections = (deployment: FakeStandalone | FakeCluster) =>
  deployment.nodes.flatMap((node) => deployment.connections(node)).filter((c) => c.authenticated)
    .length;

const iamConfig = (refreshIntervalSeconds = 300) => ({
  username: iamUser,
  iamConfig: {
    clusterName: "prod-cache",
    service: ServiceType.Elasticache,
    region: "us-east-1",
    refreshIntervalSeconds,
  },
});

let standalone: FakeStandalone | undefined;
let cluster: FakeCluster | undefined;
let client: GlideClient | GlideClusterClient | undefined;

afterEach(async () => {
  client?.close();
  client = undefined;
  await standalone?.stop();
  await cluster?.stop();
  standalone = undefined;
  cluster = undefined;
  now = start;
  tokensSeen.length = 0;
});

async function iamStandalone(): Promise<GlideClient> {
  standalone = await startStandalone({ password: "the-default-user-is-locked" });
  standalone.setUser({ name: iamUser, passwords: [] });
  standalone.setPasswordVerifier(acceptsToken);
  const config: GlideClientConfiguration = {
    addresses: standalone.addresses,
    credentials: iamConfig(),
    requestTimeout: 2000,
  };
  return GlideClient.createClient(config);
}

describe("IAM authentication through the client", () => {
  it("authenticates with a token and re-authenticates live connections on refreshIamToken()", async () => {
    registerIam({ credentials, now: clockNow });
    const glide = await iamStandalone();
    client = glide;
    expect(await glide.set("k", "v")).toBe("OK");
    const firstToken = tokensSeen.at(-1);
    expect(firstToken).toBeDefined();

    now += 20 * 60_000; // the first token has expired
    expect(await glide.refreshIamToken()).toBe("OK");
    const refreshed = tokensSeen.at(-1);
    expect(refreshed).not.toBe(firstToken);
    expect(acceptsToken(iamUser, refreshed ?? "")).toBe(true);
    expect(await glide.get("k")).toBe("v");
    expect(standalone?.commandCount("auth") ?? 0).toBeGreaterThanOrEqual(1);
  });

  it("uses a fresh token when it reconnects after the old one expired", async () => {
    registerIam({ credentials, now: clockNow });
    const glide = await iamStandalone();
    client = glide;
    expect(await glide.ping()).toBe("PONG");
    const before = tokensSeen.length;
    now += 30 * 60_000;
    const fake = standalone;
    if (!fake) throw new Error("no server");
    fake.dropConnections();
    // The client reconnects on its own; the new handshake must carry a new token.
    await waitFor(() => tokensSeen.length > before && authenticatedConnections(fake) > 0);
    expect(await glide.set("after", "reconnect")).toBe("OK");
    expect(tokensSeen.length).toBeGreaterThan(before);
    expect(acceptsToken(iamUser, tokensSeen.at(-1) ?? "")).toBe(true);
  });

  it("refuses updateConnectionPassword while IAM is configured", async () => {
    registerIam({ credentials, now: clockNow });
    const glide = await iamStandalone();
    client = glide;
    await expect(glide.updateConnectionPassword("x")).rejects.toBeInstanceOf(ConfigurationError);
  });

  it("gives every discovered cluster node a valid token", async () => {
    registerIam({ credentials, now: clockNow });
    cluster = await startCluster({
      shards: 3,
      replicas: 1,
      password: "the-default-user-is-locked",
    });
    cluster.setUser({ name: iamUser, passwords: [] });
    cluster.setPasswordVerifier(acceptsToken);
    const seed = cluster.addresses[0];
    if (!seed) throw new Error("no seed");
    const glide = await GlideClusterClient.createClient({
      addresses: [seed],
      credentials: iamConfig(),
      requestTimeout: 2000,
    });
    client = glide;
    for (let i = 0; i < 30; i++) expect(await glide.set(`key:${i}`, String(i))).toBe("OK");
    for (const node of cluster.nodes) {
      for (const connection of cluster.connections(node)) {
        if (connection.authenticated) expect(connection.user).toBe(iamUser);
      }
    }
    const connected = authenticatedConnections(cluster);
    now += 20 * 60_000;
    const before = tokensSeen.length;
    cluster.dropConnections();
    const fake = cluster;
    await waitFor(
      () => authenticatedConnections(fake) >= connected && tokensSeen.length >= before + connected,
    );
    for (let i = 0; i < 30; i++) expect(await glide.get(`key:${i}`)).toBe(String(i));
  });

  it("fails to connect with a clear error when AWS credentials cannot be loaded", async () => {
    registerIam({
      credentials: async () => {
        throw new Error("Could not load credentials from any providers");
      },
      now: clockNow,
    });
    standalone = await startStandalone({ password: "locked" });
    const attempt = GlideClient.createClient({
      addresses: standalone.addresses,
      credentials: iamConfig(),
      requestTimeout: 500,
    });
    await expect(attempt).rejects.toThrow(
      /could not load AWS credentials: Could not load credentials from any providers/,
    );
  });
});
