// Connection URIs: valkey://, valkeys://, redis://, rediss://, unix://, valkey+unix:// to a client configuration.
export {
  configFromUri,
  type UnixSocketUri,
  type UnixUriConfiguration,
  URI_QUERY_OPTIONS,
  type UriConfiguration,
  type UriOverrides,
} from "./config-from-uri.js";
