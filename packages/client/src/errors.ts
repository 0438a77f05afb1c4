// GLIDE's error classes, defined once in @petrel/protocol.
export {
  CircuitBreakerError,
  ClosingError,
  ConfigurationError,
  ConnectionError,
  ExecAbortError,
  ProtocolError,
  RequestError,
  TimeoutError,
  ValkeyError,
} from "@petrel/protocol";
