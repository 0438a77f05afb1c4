// Mutual TLS against redis-server with `tls-auth-clients yes`: a certificate from the
// server's CA connects; none, or one from another CA, fails with a ConnectionError after
// a single attempt; unreadable files fail with a ConfigurationError; files rotated on disk
// are read again at the next connect.
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  generateTlsMaterial,
  type RunningTopology,
  startCluster,
  startStandalone,
  type TlsMaterial,
} from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  ConnectionError,
  configFromUri,
  GlideClient,
  type GlideClientConfiguration,
  GlideClusterClient,
  loadClientCertificateAndKeyFromFile,
  loadRootCertificatesFromFile,
  type MutualTls,
} from "../src/index.js";

describe("mutual TLS (standalone redis-server, tls-auth-clients yes)", () => {
  let server: RunningTopology;
  let trusted: TlsMaterial;
  let foreign: TlsMaterial;
  let directory: string;
  let address: { host: string; port: number };

  const config = (mutualTls: MutualTls | undefined): GlideClientConfiguration => ({
    addresses: [address],
    useTLS: true,
    requestTimeout: 1000,
    advancedConfiguration: {
      connectionTimeout: 2000,
      tlsAdvancedConfiguration: { rootCertificates: trusted.caCertPem, mutualTls },
    },
  });

  // Counts TCP connections on their way to the server: redis-server does not count
  // connections whose TLS handshake it refused.
  let proxy: net.Server;
  let proxied = 0;
  let proxyAddress: { host: string; port: number };

  beforeAll(async () => {
    server = await startStandalone({ tls: true, requireClientCertificate: true });
    trusted = server.description.tls as TlsMaterial;
    address = server.description.addresses[0] as { host: string; port: number };
    directory = await mkdtemp(join(tmpdir(), "petrel-mtls-"));
    foreign = await generateTlsMaterial(directory);
    proxy = net.createServer((downstream) => {
      proxied++;
      const upstream = net.connect(address.port, address.host);
      downstream.pipe(upstream).on("error", () => downstream.destroy());
      upstream.pipe(downstream).on("error", () => upstream.destroy());
      downstream.on("error", () => upstream.destroy());
      upstream.on("error", () => downstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    proxyAddress = { host: "127.0.0.1", port: (proxy.address() as net.AddressInfo).port };
  });

  afterAll(async () => {
    proxy?.close();
    await server?.stop();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  it("connects with a client certificate given as bytes (the GLIDE loaders)", async () => {
    const { cert, key } = await loadClientCertificateAndKeyFromFile(
      trusted.clientCertPath,
      trusted.clientKeyPath,
    );
    const rootCertificates = await loadRootCertificatesFromFile(trusted.caCertPath);
    const client = await GlideClient.createClient({
      ...config({ kind: "bytes", cert, key }),
      advancedConfiguration: {
        tlsAdvancedConfiguration: { rootCertificates, mutualTls: { kind: "bytes", cert, key } },
      },
    });
    try {
      expect(await client.set("mtls:k", "v")).toBe("OK");
      expect(await client.get("mtls:k")).toBe("v");
    } finally {
      client.close();
    }
  });

  it("connects with a client certificate given as paths", async () => {
    const client = await GlideClient.createClient(
      config({ kind: "path", certPath: trusted.clientCertPath, keyPath: trusted.clientKeyPath }),
    );
    try {
      expect(await client.ping()).toBe("PONG");
    } finally {
      client.close();
    }
  });

  it("connects from a valkeys:// URI with the certificate in overrides (mTLS is configuration-only)", async () => {
    const uri = `valkeys://${address.host}:${address.port}?requestTimeout=1000`;
    expect(() => configFromUri(`${uri}&ssl_certfile=${trusted.clientCertPath}`)).toThrow(
      /configuration-only/,
    );
    const client = await GlideClient.createClient(
      configFromUri(uri, {
        advancedConfiguration: {
          tlsAdvancedConfiguration: {
            rootCertificates: trusted.caCertPem,
            mutualTls: {
              kind: "path",
              certPath: trusted.clientCertPath,
              keyPath: trusted.clientKeyPath,
            },
          },
        },
      }),
    );
    try {
      expect(await client.ping()).toBe("PONG");
    } finally {
      client.close();
    }
  });

  it.each([
    ["no client certificate", () => undefined],
    [
      "a certificate from a CA the server does not trust",
      (): MutualTls => ({ kind: "bytes", cert: foreign.clientCertPem, key: foreign.clientKeyPem }),
    ],
  ])("fails with %s: a ConnectionError after one attempt", async (_label, mutualTls) => {
    const before = proxied;
    const error = await GlideClient.createClient({
      ...config(mutualTls()),
      addresses: [proxyAddress],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/the server refused the client certificate/);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(proxied - before).toBe(1);
  });

  it("fails with a ConfigurationError when the certificate file cannot be read, without connecting", async () => {
    const before = proxied;
    const missing = join(directory, "missing.crt");
    const error = await GlideClient.createClient({
      ...config({ kind: "path", certPath: missing, keyPath: trusted.clientKeyPath }),
      addresses: [proxyAddress],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(`Client certificate file not found: ${missing}`);
    expect((error as Error).cause).toMatchObject({ code: "ENOENT" });
    expect(proxied).toBe(before);
  });

  it("fails with a ConfigurationError when the certificate or key is not valid PEM", async () => {
    const error = await GlideClient.createClient(
      config({ kind: "bytes", cert: trusted.clientCertPem, key: "not a key" }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/^Invalid TLS certificate or key: /);
    expect((error as Error).message).not.toContain("not a key");
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it("reads rotated files at the next connect (no TLS session resumption with the old certificate)", async () => {
    const certPath = join(directory, "rotating.crt");
    const keyPath = join(directory, "rotating.key");
    const install = async (material: TlsMaterial) => {
      await copyFile(material.clientCertPath, certPath);
      await copyFile(material.clientKeyPath, keyPath);
    };
    await install(trusted);
    // Through the counting proxy: refused reconnects follow the backoff, not a tight loop.
    const client = await GlideClient.createClient({
      ...config({ kind: "path", certPath, keyPath }),
      addresses: [proxyAddress],
    });
    const admin = await GlideClient.createClient(
      config({ kind: "path", certPath: trusted.clientCertPath, keyPath: trusted.clientKeyPath }),
    );
    try {
      expect(await client.ping()).toBe("PONG");
      // Rotate to a certificate the server refuses, then drop the client's connection.
      await install(foreign);
      const id = await client.customCommand(["CLIENT", "ID"]);
      const refusedFrom = proxied;
      const refusedSince = performance.now();
      await admin.customCommand(["CLIENT", "KILL", "ID", String(id)]);
      await expect(client.ping()).rejects.toThrow();
      await expect(client.ping()).rejects.toThrow();
      // Rotate back: a later reconnect presents the trusted certificate again.
      await install(trusted);
      let reply: unknown;
      for (let i = 0; i < 100 && reply !== "PONG"; i++) {
        reply = await client.ping().catch(() => undefined);
      }
      expect(reply).toBe("PONG");
      const attempts = proxied - refusedFrom;
      console.info(`${attempts} connections in ${Math.round(performance.now() - refusedSince)} ms`);
      expect(attempts).toBeLessThan(10);
      expect(await client.customCommand(["CLIENT", "ID"])).not.toBe(id);
    } finally {
      client.close();
      admin.close();
    }
  });
});

describe("mutual TLS (cluster of redis-server, tls-auth-clients yes)", () => {
  let cluster: RunningTopology;

  beforeAll(async () => {
    cluster = await startCluster({
      shape: { primaries: 3, replicasPerPrimary: 0 },
      tls: true,
      requireClientCertificate: true,
    });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it("presents the certificate to the seed and to every discovered node", async () => {
    const material = cluster.description.tls as TlsMaterial;
    const client = await GlideClusterClient.createClient({
      addresses: [cluster.description.addresses[0] as { host: string; port: number }],
      useTLS: true,
      advancedConfiguration: {
        tlsAdvancedConfiguration: {
          rootCertificates: material.caCertPem,
          mutualTls: {
            kind: "path",
            certPath: material.clientCertPath,
            keyPath: material.clientKeyPath,
          },
        },
      },
    });
    try {
      // Keys in all three shards, so every primary is connected.
      for (const key of ["{a}k", "{b}k", "{c}k"]) expect(await client.set(key, key)).toBe("OK");
      expect(await client.ping({ route: "allPrimaries" })).toBe("PONG");
      // DBSIZE over all primaries is summed: one key from each shard.
      expect(await client.customCommand(["DBSIZE"], { route: "allPrimaries" })).toBe(3);
    } finally {
      client.close();
    }
  });
});
