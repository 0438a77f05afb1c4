// GLIDE's error classes, defined once in @petrel/protocol.
export {
  ClosingError,
  ConfigurationError,
  ConnectionError,
  ExecAbortError,
  ProtocolError,
  RequestError,
  TimeoutError,
  ValkeyError,
} from "@petrel/protocol";
