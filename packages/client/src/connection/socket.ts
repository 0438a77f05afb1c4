// Opens one TCP or TLS socket. Certificates are verified unless `insecure`.
// TCP keepalive is always on (as in GLIDE's core) so a peer that vanished is
// eventually noticed even on an idle connection.
import net from "node:net";
import type { ResolvedAddress, ResolvedTls } from "../config/resolved.js";
import { tlsModule } from "../lazy-builtins.js";

export interface SocketOptions {
  readonly address: ResolvedAddress;
  readonly tls: ResolvedTls | undefined;
  readonly tcpNoDelay: boolean;
  readonly keepAliveInitialDelayMs: number;
  /** A TLS session from an earlier socket to the same address, to resume instead of a full handshake. */
  readonly tlsSession: Buffer | undefined;
}

export interface OpenedSocket {
  readonly socket: net.Socket;
  /** The event the socket emits once usable: `connect`, or `secureConnect` under TLS. */
  readonly readyEvent: "connect" | "secureConnect";
}

/** Starts connecting; the caller listens for `readyEvent` and `error`. */
export function openSocket(options: SocketOptions): OpenedSocket {
  const { host, port } = options.address;
  let opened: OpenedSocket;
  if (options.tls) {
    const socket = tlsModule().connect({
      host,
      port,
      servername: net.isIP(host) ? undefined : host,
      rejectUnauthorized: !options.tls.insecure,
      ca: options.tls.rootCertificates,
      session: options.tlsSession,
    });
    opened = { socket, readyEvent: "secureConnect" };
  } else {
    opened = { socket: net.connect({ host, port }), readyEvent: "connect" };
  }
  opened.socket.setNoDelay(options.tcpNoDelay);
  opened.socket.setKeepAlive(true, options.keepAliveInitialDelayMs);
  return opened;
}
