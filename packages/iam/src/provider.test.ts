import { ConfigurationError, ServiceType } from "@petrel/client";
import { describe, expect, it } from "vitest";
import { createIamTokenProvider } from "./provider.js";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret-example-key" };

function clock(start = Date.parse("2026-11-24T00:00:00Z")) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const base = {
  username: "iam-user",
  clusterName: "prod-cache",
  service: ServiceType.Elasticache,
  region: "us-east-1",
  credentials,
};

describe("createIamTokenProvider", () => {
  it("reuses a token within the refresh interval and renews it after", async () => {
    const time = clock();
    const provider = createIamTokenProvider({ ...base, refreshIntervalSeconds: 60, now: time.now });
    expect(provider.refreshIntervalMs).toBe(60_000);
    const first = await provider.getCredentials();
    expect(first.username).toBe("iam-user");
    expect(first.password.startsWith("prod-cache/?Action=connect&User=iam-user&")).toBe(true);
    time.advance(30_000);
    expect((await provider.getCredentials()).password).toBe(first.password);
    time.advance(30_000);
    const renewed = await provider.getCredentials();
    expect(renewed.password).not.toBe(first.password);
    expect(renewed.password).toContain("X-Amz-Date=20261124T000100Z");
  });

  it("defaults to a 300 s refresh interval", () => {
    expect(createIamTokenProvider(base).refreshIntervalMs).toBe(300_000);
  });

  it("generates a token once for concurrent callers", async () => {
    let resolutions = 0;
    const provider = createIamTokenProvider({
      ...base,
      credentials: async () => {
        resolutions++;
        return credentials;
      },
    });
    const tokens = await Promise.all([
      provider.getToken(),
      provider.getToken(),
      provider.getToken(),
    ]);
    expect(new Set(tokens).size).toBe(1);
    expect(resolutions).toBe(1);
  });

  it("refresh() always signs anew", async () => {
    const time = clock();
    const provider = createIamTokenProvider({ ...base, now: time.now });
    const first = await provider.getToken();
    time.advance(1000);
    expect(await provider.refresh()).not.toBe(first);
  });

  it("reports missing AWS credentials clearly, without secrets", async () => {
    const provider = createIamTokenProvider({
      ...base,
      credentials: async () => {
        throw new Error("Could not load credentials from any providers");
      },
    });
    const failure = provider.getCredentials();
    await expect(failure).rejects.toBeInstanceOf(ConfigurationError);
    await expect(failure).rejects.toThrow(
      "IAM token generation failed: IAM authentication: could not load AWS credentials: Could not load credentials from any providers",
    );
  });

  it("rejects invalid settings with the field named", () => {
    expect(() => createIamTokenProvider({ ...base, clusterName: "" })).toThrow(
      /credentials\.iamConfig\.clusterName/,
    );
    expect(() => createIamTokenProvider({ ...base, region: "" })).toThrow(
      /credentials\.iamConfig\.region/,
    );
    expect(() =>
      createIamTokenProvider({ ...base, service: "Redis" as unknown as ServiceType }),
    ).toThrow(/credentials\.iamConfig\.service/);
    expect(() => createIamTokenProvider({ ...base, refreshIntervalSeconds: 900 })).toThrow(
      /refreshIntervalSeconds/,
    );
    expect(() => createIamTokenProvider({ ...base, username: "" })).toThrow(
      /credentials\.username/,
    );
  });

  it("signs for MemoryDB with the memorydb service name", async () => {
    const provider = createIamTokenProvider({ ...base, service: ServiceType.MemoryDB });
    expect(await provider.getToken()).toMatch(/%2Fmemorydb%2Faws4_request/);
  });
});
