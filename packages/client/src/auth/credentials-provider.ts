// The credentials hook. A provider is asked for credentials before every
// (re)connect, and may ask the client to re-authenticate live connections on a
// schedule. The IAM plugin is one provider; users may pass their own.

/** GLIDE's IAM service names. */
export enum ServiceType {
  Elasticache = "Elasticache",
  MemoryDB = "MemoryDB",
}

/** GLIDE's IAM configuration, carried by `credentials.iamConfig`. */
export interface IamAuthConfig {
  clusterName: string;
  service: ServiceType;
  region: string;
  /** How often a new token is generated and sent; default 300 s. */
  refreshIntervalSeconds?: number;
}

export interface ResolvedCredentials {
  username?: string;
  password: string;
}

export interface CredentialsProvider {
  /** Called before every connection handshake; its answer is used for AUTH/HELLO. */
  getCredentials(): Promise<ResolvedCredentials>;
  /** Forces new credentials now (`refreshIamToken()`); without it, `getCredentials` is used. */
  refreshCredentials?(): Promise<ResolvedCredentials>;
  /** When set, the client fetches new credentials this often and re-AUTHs every live connection. */
  readonly refreshIntervalMs?: number;
  /** Called when the client closes. */
  close?(): void;
}

/** Turns GLIDE's `{ username, iamConfig }` into a provider. Registered by `@petrel/iam`. */
export type IamProviderFactory = (config: {
  username: string;
  iamConfig: IamAuthConfig;
}) => CredentialsProvider;

// Stored under a global symbol so that a plugin and a client resolved from
// different copies of this package still find each other.
const registryKey = Symbol.for("petrel.credentials.iamProviderFactory");
type Registry = { [registryKey]?: IamProviderFactory };

/** Called by `@petrel/iam` when it is imported for registration. */
export function registerIamProviderFactory(factory: IamProviderFactory): void {
  (globalThis as Registry)[registryKey] = factory;
}

/** The registered IAM factory, or undefined when `@petrel/iam` was not registered. */
export function getIamProviderFactory(): IamProviderFactory | undefined {
  return (globalThis as Registry)[registryKey];
}
