// Connection URIs: valkey://, valkeys://, redis://, rediss:// to a client configuration.
export {
  configFromUri,
  URI_QUERY_OPTIONS,
  type UriConfiguration,
  type UriOverrides,
} from "./config-from-uri.js";
