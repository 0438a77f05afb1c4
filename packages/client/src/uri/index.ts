// Connection URIs: valkey://, valkeys://, redis://, rediss://, unix://, valkey+unix://, valkey+sentinel:// to a client configuration.
export {
  configFromUri,
  type SentinelUri,
  type SentinelUriConfiguration,
  type UnixSocketUri,
  type UnixUriConfiguration,
  URI_QUERY_OPTIONS,
  type UriConfiguration,
  type UriOverrides,
} from "./config-from-uri.js";
