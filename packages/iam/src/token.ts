// The IAM auth token: a SigV4-presigned `GET http://<cluster>/?Action=connect&User=<user>`,
// valid for 15 minutes, used as the AUTH password without its scheme. Signing is
// done by @smithy/signature-v4; nothing here computes a hash or an HMAC itself.
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

/** The AWS services that accept IAM auth tokens, with their SigV4 signing names. */
export type IamService = "elasticache" | "memorydb";

/** Token lifetime that ElastiCache and MemoryDB accept at most. */
export const TOKEN_LIFETIME_SECONDS = 900;

export interface IamTokenRequest {
  /** The IAM-enabled user, as created in ElastiCache / MemoryDB. */
  username: string;
  /** The replication group or cluster name: the host of the signed request. */
  clusterName: string;
  service: IamService;
  region: string;
  /** Explicit credentials, or a provider of them. */
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Signing time; defaults to now. */
  signingDate?: Date;
  /** Seconds the token stays valid; 900 at most. */
  expiresInSeconds?: number;
}

const sha256 = Hash.bind(null, "sha256");

/** RFC 3986 encoding, as SigV4 canonicalises query values. */
function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Generates one token. Rejects when credentials cannot be resolved. */
export async function generateIamAuthToken(request: IamTokenRequest): Promise<string> {
  const expiresIn = request.expiresInSeconds ?? TOKEN_LIFETIME_SECONDS;
  if (!(expiresIn > 0 && expiresIn <= TOKEN_LIFETIME_SECONDS)) {
    throw new RangeError(`expiresInSeconds must be between 1 and ${TOKEN_LIFETIME_SECONDS}`);
  }
  const signer = new SignatureV4({
    service: request.service,
    region: request.region,
    credentials: request.credentials,
    sha256,
  });
  const unsigned = new HttpRequest({
    method: "GET",
    protocol: "http:",
    hostname: request.clusterName,
    path: "/",
    query: { Action: "connect", User: request.username },
    headers: { host: request.clusterName },
  });
  const signed = await signer.presign(unsigned, {
    expiresIn,
    ...(request.signingDate ? { signingDate: request.signingDate } : {}),
  });
  const signedQuery = signed.query ?? {};
  // Canonical (sorted) order, with the signature last as AWS's own tools print it.
  const names = Object.keys(signedQuery)
    .filter((name) => name !== "X-Amz-Signature")
    .sort();
  names.push("X-Amz-Signature");
  const query = names
    .map((name) => {
      const value = signedQuery[name];
      const text = Array.isArray(value) ? value.join(",") : (value ?? "");
      return `${encodeRfc3986(name)}=${encodeRfc3986(text)}`;
    })
    .join("&");
  return `${request.clusterName}/?${query}`;
}
