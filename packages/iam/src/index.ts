export { ServiceType } from "@petrel/client";
export {
  type CredentialSource,
  defaultCredentialChain,
  resolveCredentials,
} from "./credentials.js";
export {
  createIamTokenProvider,
  DEFAULT_REFRESH_INTERVAL_SECONDS,
  type IamTokenProvider,
  type IamTokenProviderOptions,
  validateIamOptions,
} from "./provider.js";
export { type RegisterIamOptions, registerIam } from "./register.js";
export {
  generateIamAuthToken,
  type IamService,
  type IamTokenRequest,
  TOKEN_LIFETIME_SECONDS,
} from "./token.js";
