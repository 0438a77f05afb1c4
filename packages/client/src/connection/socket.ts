// Opens one TCP, Unix-domain or TLS socket. Certificates are verified unless
// `insecure`. TCP keepalive is always on (as in GLIDE's core) so a peer that
// vanished is eventually noticed even on an idle connection.
import net from "node:net";
import { ConfigurationError } from "@petrel/protocol";
import type { ResolvedAddress, ResolvedTls } from "../config/resolved.js";
import { tlsModule } from "../lazy-builtins.js";

export interface SocketOptions {
  readonly address: ResolvedAddress;
  readonly tls: ResolvedTls | undefined;
  readonly tcpNoDelay: boolean;
  readonly keepAliveInitialDelayMs: number;
  /** A TLS session from an earlier socket to the same address, to resume instead of a full handshake. */
  readonly tlsSession: Buffer | undefined;
  /** The client certificate and key for mutual TLS, read for this connection. */
  readonly clientIdentity?: { readonly cert: Buffer | string; readonly key: Buffer | string };
  /** Where a plain (not TLS) socket reads to, instead of `data` events (see socket-reader.ts). */
  readonly onread?: net.OnReadOpts;
}

export interface OpenedSocket {
  readonly socket: net.Socket;
  /** The event the socket emits once usable: `connect`, or `secureConnect` under TLS. */
  readonly readyEvent: "connect" | "secureConnect";
}

/** `host:port`, or the path of a Unix socket: how messages and keys name an address. */
export function describeAddress(address: ResolvedAddress): string {
  return address.path ?? `${address.host}:${address.port}`;
}

/** Starts connecting; the caller listens for `readyEvent` and `error`. */
export function openSocket(options: SocketOptions): OpenedSocket {
  const { host, port, path } = options.address;
  const endpoint = path === undefined ? { host, port } : { path };
  let opened: OpenedSocket;
  if (options.tls) {
    let socket: net.Socket;
    try {
      socket = tlsModule().connect({
        ...endpoint,
        servername: path !== undefined || net.isIP(host) ? undefined : host,
        rejectUnauthorized: !options.tls.insecure,
        ca: options.tls.rootCertificates,
        session: options.tlsSession,
        cert: options.clientIdentity?.cert,
        key: options.clientIdentity?.key,
      });
    } catch (error) {
      // Node parses the PEM material here, synchronously: a bad certificate or key is the
      // configuration's fault. OpenSSL's text names the problem, never the material.
      throw new ConfigurationError(
        `Invalid TLS certificate or key: ${(error as Error)?.message ?? String(error)}`,
        { cause: error },
      );
    }
    opened = { socket, readyEvent: "secureConnect" };
  } else {
    const connectOptions: net.NetConnectOpts =
      options.onread === undefined ? endpoint : { ...endpoint, onread: options.onread };
    opened = { socket: net.connect(connectOptions), readyEvent: "connect" };
  }
  if (path === undefined) {
    opened.socket.setNoDelay(options.tcpNoDelay);
    opened.socket.setKeepAlive(true, options.keepAliveInitialDelayMs);
  }
  return opened;
}
