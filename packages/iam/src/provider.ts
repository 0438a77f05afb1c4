// A credentials provider for the Petrel client: hands out the current token,
// generating a new one when it is older than the refresh interval. The client
// calls it on every (re)connect and, every refresh interval, re-AUTHs live
// connections with what it returns.
import {
  ConfigurationError,
  type CredentialsProvider,
  type ResolvedCredentials,
  ServiceType,
} from "@petrel/client";
import { type CredentialSource, resolveCredentials } from "./credentials.js";
import { generateIamAuthToken, type IamService, TOKEN_LIFETIME_SECONDS } from "./token.js";

export const DEFAULT_REFRESH_INTERVAL_SECONDS = 300;

export interface IamTokenProviderOptions {
  username: string;
  clusterName: string;
  service: ServiceType;
  region: string;
  /** How often a new token is generated; default 300 s, below the 900 s token lifetime. */
  refreshIntervalSeconds?: number;
  /** Explicit AWS credentials or provider; default: the SDK's Node provider chain. */
  credentials?: CredentialSource;
  /** Clock in ms, for tests. */
  now?: () => number;
}

export interface IamTokenProvider extends CredentialsProvider {
  readonly refreshIntervalMs: number;
  /** The current token, generating one when none is fresh. */
  getToken(): Promise<string>;
  /** Generates a new token now. */
  refresh(): Promise<string>;
}

const signingNames: Record<ServiceType, IamService> = {
  [ServiceType.Elasticache]: "elasticache",
  [ServiceType.MemoryDB]: "memorydb",
};

function requireText(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new ConfigurationError(`${field} must be a non-empty string`);
  }
  return value;
}

/** Validates GLIDE's IAM settings and returns the signing service name. */
export function validateIamOptions(options: IamTokenProviderOptions): IamService {
  requireText(options.username, "credentials.username");
  requireText(options.clusterName, "credentials.iamConfig.clusterName");
  requireText(options.region, "credentials.iamConfig.region");
  const service = signingNames[options.service];
  if (!service) {
    throw new ConfigurationError(
      `credentials.iamConfig.service must be ServiceType.Elasticache or ServiceType.MemoryDB, got ${String(options.service)}`,
    );
  }
  const interval = options.refreshIntervalSeconds;
  if (
    interval !== undefined &&
    !(Number.isInteger(interval) && interval > 0 && interval < TOKEN_LIFETIME_SECONDS)
  ) {
    throw new ConfigurationError(
      `credentials.iamConfig.refreshIntervalSeconds must be a whole number of seconds between 1 and ${TOKEN_LIFETIME_SECONDS - 1}`,
    );
  }
  return service;
}

export function createIamTokenProvider(options: IamTokenProviderOptions): IamTokenProvider {
  const service = validateIamOptions(options);
  const now = options.now ?? Date.now;
  const refreshIntervalMs =
    (options.refreshIntervalSeconds ?? DEFAULT_REFRESH_INTERVAL_SECONDS) * 1000;
  // A token is reused while younger than 90% of the interval, so a scheduled
  // refresh that fires a little early still produces a new token.
  const reuseWindowMs = refreshIntervalMs * 0.9;
  let current: { token: string; generatedAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  const generate = (): Promise<string> => {
    inFlight ??= (async () => {
      try {
        const credentials = await resolveCredentials(options.credentials);
        const signedAt = now();
        const token = await generateIamAuthToken({
          username: options.username,
          clusterName: options.clusterName,
          service,
          region: options.region,
          credentials,
          signingDate: new Date(signedAt),
        });
        current = { token, generatedAt: signedAt };
        return token;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ConfigurationError(`IAM token generation failed: ${reason}`);
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  const getToken = (): Promise<string> => {
    if (current && now() - current.generatedAt < reuseWindowMs) {
      return Promise.resolve(current.token);
    }
    return generate();
  };

  return {
    refreshIntervalMs,
    getToken,
    refresh: generate,
    async getCredentials(): Promise<ResolvedCredentials> {
      return { username: options.username, password: await getToken() };
    },
    async refreshCredentials(): Promise<ResolvedCredentials> {
      return { username: options.username, password: await generate() };
    },
  };
}
