// The expected tokens are computed here from the SigV4 specification's steps
// with node:crypto, independently of @smithy/signature-v4.
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateIamAuthToken, type IamService } from "./token.js";

const credentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const signingDate = new Date("2026-11-24T12:34:56Z");

const rfc3986 = (value: string) =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const hmac = (key: string | Buffer, text: string) =>
  createHmac("sha256", key).update(text, "utf8").digest();

function expectedToken(options: {
  user: string;
  cluster: string;
  service: IamService;
  region: string;
  sessionToken?: string;
}): string {
  const amzDate = "20261124T123456Z";
  const day = "20261124";
  const scope = `${day}/${options.region}/${options.service}/aws4_request`;
  const params: Record<string, string> = {
    Action: "connect",
    User: options.user,
    "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    "X-Amz-Credential": `${credentials.accessKeyId}/${scope}`,
    "X-Amz-Date": amzDate,
    "X-Amz-Expires": "900",
    "X-Amz-SignedHeaders": "host",
  };
  if (options.sessionToken) params["X-Amz-Security-Token"] = options.sessionToken;
  const canonicalQuery = Object.keys(params)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k] ?? "")}`)
    .join("&");
  const canonicalRequest = [
    "GET",
    "/",
    canonicalQuery,
    `host:${options.cluster}\n`,
    "host",
    sha256Hex(""),
  ].join("\n");
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const kDate = hmac(`AWS4${credentials.secretAccessKey}`, day);
  const kRegion = hmac(kDate, options.region);
  const kService = hmac(kRegion, options.service);
  const kSigning = hmac(kService, "aws4_request");
  const signature = hmac(kSigning, stringToSign).toString("hex");
  return `${options.cluster}/?${canonicalQuery}&X-Amz-Signature=${signature}`;
}

describe("generateIamAuthToken", () => {
  for (const service of ["elasticache", "memorydb"] as const) {
    it(`matches an independently computed SigV4 presign for ${service}`, async () => {
      const token = await generateIamAuthToken({
        username: "app-user",
        clusterName: "my-cluster",
        service,
        region: "us-east-1",
        credentials,
        signingDate,
      });
      expect(token).toBe(
        expectedToken({ user: "app-user", cluster: "my-cluster", service, region: "us-east-1" }),
      );
      expect(token.startsWith("my-cluster/?Action=connect&User=app-user&")).toBe(true);
      expect(token).not.toContain("http");
      expect(token).not.toContain(credentials.secretAccessKey);
    });
  }

  it("signs the session token of temporary credentials and escapes reserved characters", async () => {
    const sessionToken = "FQoGZXIvYXdzE/with+slash=and!";
    const token = await generateIamAuthToken({
      username: "user with space!",
      clusterName: "cache-1",
      service: "elasticache",
      region: "eu-west-3",
      credentials: { ...credentials, sessionToken },
      signingDate,
    });
    expect(token).toBe(
      expectedToken({
        user: "user with space!",
        cluster: "cache-1",
        service: "elasticache",
        region: "eu-west-3",
        sessionToken,
      }),
    );
    expect(token).toContain("User=user%20with%20space%21");
  });

  it("changes when the signing time changes", async () => {
    const base = {
      username: "u",
      clusterName: "c",
      service: "memorydb" as const,
      region: "us-west-2",
      credentials,
    };
    const first = await generateIamAuthToken({ ...base, signingDate });
    const second = await generateIamAuthToken({
      ...base,
      signingDate: new Date(signingDate.getTime() + 1000),
    });
    expect(first).not.toBe(second);
  });

  it("rejects a lifetime above 15 minutes", async () => {
    await expect(
      generateIamAuthToken({
        username: "u",
        clusterName: "c",
        service: "elasticache",
        region: "us-east-1",
        credentials,
        expiresInSeconds: 901,
      }),
    ).rejects.toThrow(/expiresInSeconds/);
  });
});
