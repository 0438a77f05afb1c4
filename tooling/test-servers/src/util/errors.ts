// Errors raised by the tooling and its minimal admin connection. They are
// defined here, not taken from @petrel/protocol, so the vitest global setup
// (loaded without the petrel-source condition) needs no other workspace package.

/** A server could not be started, became ready too late, or could not be stopped. */
export class TestServerError extends Error {
  override readonly name = "TestServerError";
}

/** A server process exited because its port was taken; the caller retries on new ports. */
export class PortInUseError extends TestServerError {}

/** The server answered an admin command with an error reply; the message is the server's. */
export class ServerReplyError extends Error {
  override readonly name = "ServerReplyError";
}

/** An admin connection failed, timed out or was closed. */
export class AdminConnectionError extends Error {
  override readonly name = "AdminConnectionError";
}
