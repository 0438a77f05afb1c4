// Opens one TCP or TLS socket. Certificates are verified unless `insecure`.
import net from "node:net";
import { ConnectionError } from "@petrel/protocol";
import type { ResolvedAddress, ResolvedTls } from "../config/resolved.js";
import { tlsModule } from "../lazy-builtins.js";

export interface SocketOptions {
  readonly address: ResolvedAddress;
  readonly tls: ResolvedTls | undefined;
  readonly tcpNoDelay: boolean;
}

/** Starts connecting; resolves when the socket (and TLS session) is ready, rejects with ConnectionError. */
export function openSocket(options: SocketOptions): { socket: net.Socket; ready: Promise<void> } {
  const { host, port } = options.address;
  let socket: net.Socket;
  let readyEvent: string;
  if (options.tls) {
    socket = tlsModule().connect({
      host,
      port,
      servername: net.isIP(host) ? undefined : host,
      rejectUnauthorized: !options.tls.insecure,
      ca: options.tls.rootCertificates,
    });
    readyEvent = "secureConnect";
  } else {
    socket = net.connect({ host, port });
    readyEvent = "connect";
  }
  socket.setNoDelay(options.tcpNoDelay);
  const ready = new Promise<void>((resolve, reject) => {
    const onReady = (): void => {
      socket.off("error", onError);
      resolve();
    };
    const onError = (error: Error): void => {
      socket.off(readyEvent, onReady);
      reject(new ConnectionError(`Failed to connect to ${host}:${port}: ${error.message}`));
    };
    socket.once(readyEvent, onReady);
    socket.once("error", onError);
  });
  return { socket, ready };
}
