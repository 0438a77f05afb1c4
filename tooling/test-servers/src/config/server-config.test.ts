import { describe, expect, it } from "vitest";
import { aclUserLine, quoteConfigValue, renderNodeConfig } from "./server-config.js";
import { fakeTlsMaterial } from "./test-support/tls-material.js";

const base = {
  port: 7000,
  tls: undefined,
  requireClientCertificate: false,
  password: undefined,
  aclUsers: [],
  cluster: undefined,
  replicaOf: undefined,
  extraConfig: undefined,
};

const tls = fakeTlsMaterial;

function lines(config: string): string[] {
  return config.trim().split("\n");
}

describe("renderNodeConfig", () => {
  it("renders a disposable loopback server without persistence", () => {
    const config = lines(renderNodeConfig(base));
    expect(config).toEqual(
      expect.arrayContaining(["bind 127.0.0.1", "port 7000", 'save ""', "appendonly no"]),
    );
    expect(config.some((line) => line.startsWith("cluster-enabled"))).toBe(false);
  });

  it("serves TLS only, on the given port, with client certificates optional", () => {
    const config = lines(renderNodeConfig({ ...base, tls }));
    expect(config).toEqual(
      expect.arrayContaining([
        "port 0",
        "tls-port 7000",
        'tls-ca-cert-file "/t/ca.crt"',
        "tls-auth-clients no",
        "tls-replication yes",
      ]),
    );
  });

  it("renders cluster mode with an explicit bus port and TLS on the bus", () => {
    const config = lines(renderNodeConfig({ ...base, tls, cluster: { busPort: 17000 } }));
    expect(config).toEqual(
      expect.arrayContaining([
        "cluster-enabled yes",
        "cluster-port 17000",
        "cluster-node-timeout 2000",
        "tls-cluster yes",
      ]),
    );
  });

  it("renders password, ACL users, replica-of and extra directives", () => {
    const config = lines(
      renderNodeConfig({
        ...base,
        password: 'p"w',
        aclUsers: [{ name: "app", password: "secret" }],
        replicaOf: { host: "127.0.0.1", port: 7001 },
        extraConfig: { maxmemory: "64mb" },
      }),
    );
    expect(config).toEqual(
      expect.arrayContaining([
        'requirepass "p\\"w"',
        'masterauth "p\\"w"',
        "user app on >secret ~* &* +@all",
        "replicaof 127.0.0.1 7001",
        "maxmemory 64mb",
      ]),
    );
  });
});

describe("config helpers", () => {
  it("quotes backslashes and quotes", () => {
    expect(quoteConfigValue('a\\b"c')).toBe('"a\\\\b\\"c"');
  });

  it("rejects ACL users whose name or password contains whitespace", () => {
    expect(() => aclUserLine({ name: "a b", password: "x" })).toThrow(/whitespace/);
    expect(aclUserLine({ name: "r", password: "x", rules: "+@read" })).toBe("user r on >x +@read");
  });
});
