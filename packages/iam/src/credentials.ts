// Where AWS credentials come from when the caller passes none: the SDK's
// default Node chain (env, shared files, SSO, IMDS, ECS…). Loaded on first use,
// so importing this package costs nothing until a token is needed.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

export type CredentialSource = AwsCredentialIdentity | AwsCredentialIdentityProvider;

let defaultChain: AwsCredentialIdentityProvider | undefined;

export async function defaultCredentialChain(): Promise<AwsCredentialIdentityProvider> {
  if (!defaultChain) {
    const { fromNodeProviderChain } = await import("@aws-sdk/credential-providers");
    defaultChain = fromNodeProviderChain();
  }
  return defaultChain;
}

/** Resolves the source to concrete credentials, with an error that names the cause, never a secret. */
export async function resolveCredentials(
  source: CredentialSource | undefined,
): Promise<AwsCredentialIdentity> {
  const provider = source ?? (await defaultCredentialChain());
  try {
    const credentials = typeof provider === "function" ? await provider() : provider;
    if (!credentials?.accessKeyId || !credentials.secretAccessKey) {
      throw new Error("the credentials have no access key id or secret access key");
    }
    return credentials;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`IAM authentication: could not load AWS credentials: ${reason}`);
  }
}
