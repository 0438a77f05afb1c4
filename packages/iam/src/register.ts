// Registration: after `registerIam()` (or `import "@petrel/iam/register"`), the
// client accepts GLIDE's `credentials: { username, iamConfig }` configuration.
import { registerIamProviderFactory } from "@petrel/client";
import type { CredentialSource } from "./credentials.js";
import { createIamTokenProvider } from "./provider.js";

export interface RegisterIamOptions {
  /** AWS credentials for every client; default: the SDK's Node provider chain. */
  credentials?: CredentialSource;
  /** Clock in ms, for tests. */
  now?: () => number;
}

export function registerIam(options: RegisterIamOptions = {}): void {
  registerIamProviderFactory(({ username, iamConfig }) =>
    createIamTokenProvider({
      username,
      clusterName: iamConfig.clusterName,
      service: iamConfig.service,
      region: iamConfig.region,
      ...(iamConfig.refreshIntervalSeconds !== undefined
        ? { refreshIntervalSeconds: iamConfig.refreshIntervalSeconds }
        : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(options.now ? { now: options.now } : {}),
    }),
  );
}
