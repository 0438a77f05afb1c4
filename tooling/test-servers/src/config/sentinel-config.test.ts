import { describe, expect, it } from "vitest";
import { renderSentinelConfig } from "./sentinel-config.js";
import { fakeTlsMaterial } from "./test-support/tls-material.js";

const base = {
  port: 26000,
  primaryName: "petrel",
  primaryPort: 7000,
  quorum: 2,
  downAfterMs: 1000,
  failoverTimeoutMs: 5000,
  password: undefined,
  sentinelPassword: undefined,
  tls: undefined,
  requireClientCertificate: false,
};

const tls = fakeTlsMaterial;

const lines = (config: string): string[] => config.trim().split("\n");

describe("renderSentinelConfig", () => {
  it("monitors the primary on a plaintext port, with no password by default", () => {
    const config = lines(renderSentinelConfig(base));
    expect(config).toContain("port 26000");
    expect(config).toContain("sentinel monitor petrel 127.0.0.1 7000 2");
    expect(config.some((line) => line.startsWith("requirepass"))).toBe(false);
    expect(config.some((line) => line.startsWith("tls-"))).toBe(false);
  });

  it("protects the sentinels with their own password, and the data nodes with theirs", () => {
    const config = lines(
      renderSentinelConfig({ ...base, password: "data", sentinelPassword: "guard" }),
    );
    expect(config).toContain('sentinel auth-pass petrel "data"');
    expect(config).toContain('requirepass "guard"');
    expect(config).toContain('sentinel sentinel-pass "guard"');
  });

  it("serves TLS only and uses it towards the nodes and its peers", () => {
    const config = lines(renderSentinelConfig({ ...base, tls, requireClientCertificate: true }));
    expect(config).toContain("port 0");
    expect(config).toContain("tls-port 26000");
    expect(config).toContain('tls-ca-cert-file "/t/ca.crt"');
    expect(config).toContain("tls-replication yes");
    expect(config).toContain("tls-auth-clients yes");
  });
});
