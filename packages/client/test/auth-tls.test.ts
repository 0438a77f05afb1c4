// Authentication (password, ACL user, password rotation) and TLS against real servers.
import { type RunningTopology, startStandalone } from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  ConnectionError,
  GlideClient,
  ProtocolVersion,
  registerIamProviderFactory,
  ServiceType,
} from "../src/index.js";

describe("authentication", () => {
  let server: RunningTopology;
  let address: { host: string; port: number };

  beforeAll(async () => {
    server = await startStandalone({
      password: "first-password",
      aclUsers: [{ name: "alice", password: "alice-password" }],
    });
    address = server.description.addresses[0] as { host: string; port: number };
  });

  afterAll(async () => {
    await server?.stop();
  });

  it.each([ProtocolVersion.RESP3, ProtocolVersion.RESP2])(
    "authenticates the default user and an ACL user (protocol %i)",
    async (protocol) => {
      const plain = await GlideClient.createClient({
        addresses: [address],
        protocol,
        credentials: { password: "first-password" },
      });
      expect(await plain.customCommand(["ACL", "WHOAMI"])).toBe("default");
      plain.close();
      const alice = await GlideClient.createClient({
        addresses: [address],
        protocol,
        credentials: { username: "alice", password: "alice-password" },
      });
      expect(await alice.customCommand(["ACL", "WHOAMI"])).toBe("alice");
      alice.close();
    },
  );

  it("rejects createClient with the server's message on a wrong password", async () => {
    const error = await GlideClient.createClient({
      addresses: [address],
      credentials: { username: "alice", password: "wrong" },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/WRONGPASS/);
  });

  it("updateConnectionPassword with immediateAuth re-authenticates, and reconnects use the new password", async () => {
    const client = await GlideClient.createClient({
      addresses: [address],
      credentials: { password: "first-password" },
    });
    const admin = await GlideClient.createClient({
      addresses: [address],
      credentials: { password: "first-password" },
    });
    try {
      await admin.customCommand(["CONFIG", "SET", "requirepass", "second-password"]);
      expect(await client.updateConnectionPassword("second-password", true)).toBe("OK");
      const id = await client.customCommand(["CLIENT", "ID"]);
      await admin.customCommand(["CLIENT", "KILL", "ID", String(id)]);
      let newId = id;
      for (let i = 0; i < 1000 && newId === id; i++) {
        newId = await client.customCommand(["CLIENT", "ID"]).catch(() => id);
      }
      expect(newId).not.toBe(id);
      await expect(client.updateConnectionPassword("wrong-password", true)).rejects.toThrow(
        /WRONGPASS|invalid/,
      );
    } finally {
      await admin.customCommand(["CONFIG", "SET", "requirepass", "first-password"]);
      client.close();
      admin.close();
    }
  });

  it("forbids updateConnectionPassword with IAM-style providers and refreshIamToken without one", async () => {
    const client = await GlideClient.createClient({
      addresses: [address],
      credentialsProvider: { getCredentials: async () => ({ password: "first-password" }) },
    });
    try {
      await expect(client.updateConnectionPassword("x")).rejects.toBeInstanceOf(ConfigurationError);
      expect(await client.refreshIamToken()).toBe("OK");
      expect(await client.customCommand(["PING"])).toBe("PONG");
    } finally {
      client.close();
    }
    const plain = await GlideClient.createClient({
      addresses: [address],
      credentials: { password: "first-password" },
    });
    await expect(plain.refreshIamToken()).rejects.toBeInstanceOf(ConfigurationError);
    plain.close();
  });

  it("uses the registered IAM factory for GLIDE's iamConfig credentials", async () => {
    let tokens = 0;
    registerIamProviderFactory(({ username, iamConfig }) => ({
      getCredentials: async () => {
        tokens++;
        expect(iamConfig.clusterName).toBe("my-cluster");
        return { username, password: "alice-password" };
      },
    }));
    try {
      const client = await GlideClient.createClient({
        addresses: [address],
        credentials: {
          username: "alice",
          iamConfig: {
            clusterName: "my-cluster",
            region: "us-east-1",
            service: ServiceType.Elasticache,
          },
        },
      });
      try {
        expect(await client.customCommand(["ACL", "WHOAMI"])).toBe("alice");
        await expect(client.updateConnectionPassword("x")).rejects.toThrow(
          "updateConnectionPassword is not supported when IAM authentication is enabled.",
        );
        const before = tokens;
        expect(await client.refreshIamToken()).toBe("OK");
        expect(tokens).toBe(before + 1);
      } finally {
        client.close();
      }
    } finally {
      registerIamProviderFactory(undefined as never);
    }
  });

  it("re-authenticates on the provider's schedule", async () => {
    let calls = 0;
    const client = await GlideClient.createClient({
      addresses: [address],
      credentialsProvider: {
        refreshIntervalMs: 20,
        getCredentials: async () => {
          calls++;
          return { password: "first-password" };
        },
      },
    });
    try {
      for (let i = 0; i < 200 && calls < 3; i++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(calls).toBeGreaterThanOrEqual(3);
      expect(await client.customCommand(["PING"])).toBe("PONG");
    } finally {
      client.close();
    }
  });
});

describe("TLS", () => {
  let server: RunningTopology;
  let address: { host: string; port: number };

  beforeAll(async () => {
    server = await startStandalone({ tls: true });
    address = server.description.addresses[0] as { host: string; port: number };
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("connects with the generated CA, on both protocols", async () => {
    const ca = server.description.tls?.caCertPem as string;
    for (const protocol of [ProtocolVersion.RESP3, ProtocolVersion.RESP2]) {
      const client = await GlideClient.createClient({
        addresses: [address],
        useTLS: true,
        protocol,
        advancedConfiguration: { tlsAdvancedConfiguration: { rootCertificates: ca } },
      });
      expect(await client.customCommand(["ECHO", "secure"])).toBe("secure");
      client.close();
    }
  });

  it("verifies certificates by default, and skips verification only when insecure", async () => {
    const error = await GlideClient.createClient({ addresses: [address], useTLS: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    const insecure = await GlideClient.createClient({
      addresses: [address],
      useTLS: true,
      advancedConfiguration: { tlsAdvancedConfiguration: { insecure: true } },
    });
    expect(await insecure.customCommand(["PING"])).toBe("PONG");
    insecure.close();
  });
});
