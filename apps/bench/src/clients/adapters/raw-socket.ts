// The floor: no client library, one socket.write per request and a minimal
// reply parser that allocates nothing per reply (minimal-reply-reader.ts).
// Shows what the loopback round trip and the server cost on this machine, so a
// latency target below it is known to be out of reach.
import { once } from "node:events";
import net from "node:net";
import type { BenchClient, ConnectClient } from "../bench-client.js";
import { type MinimalReply, MinimalReplyReader } from "./minimal-reply-reader.js";

/** `*2\r\n$3\r\nGET\r\n$<len>\r\n<key>\r\n` and the like, as one string for one write. */
function encode(args: readonly string[]): string {
  let text = `*${args.length}\r\n`;
  for (const arg of args) text += `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`;
  return text;
}

export const connect: ConnectClient = async (address) => {
  const socket = net.connect({ host: address.host, port: address.port, noDelay: true });
  await once(socket, "connect");
  // Waiters in two parallel rings (no object per request), oldest at `head`.
  let resolvers: ((reply: MinimalReply) => void)[] = [];
  let rejecters: ((error: Error) => void)[] = [];
  let head = 0;
  const failAll = (error: Error): void => {
    const pending = rejecters.slice(head);
    resolvers = [];
    rejecters = [];
    head = 0;
    for (const reject of pending) reject(error);
  };
  const reader = new MinimalReplyReader((reply) => {
    const index = head++;
    const resolve = resolvers[index];
    const reject = rejecters[index];
    if (head === resolvers.length) {
      // Drained: start the rings over, so they never grow past the requests in flight.
      resolvers.length = 0;
      rejecters.length = 0;
      head = 0;
    }
    if (resolve === undefined || reject === undefined) return;
    if (reply instanceof Error) reject(reply);
    else resolve(reply);
  });
  socket.on("data", (chunk: Buffer) => {
    try {
      reader.feed(chunk);
    } catch (error) {
      failAll(error as Error);
      socket.destroy();
    }
  });
  socket.on("error", (error) => failAll(error));
  socket.on("close", () => failAll(new Error("raw socket closed")));

  const send = (args: readonly string[]): Promise<MinimalReply> =>
    new Promise((resolve, reject) => {
      if (socket.destroyed) {
        reject(new Error("raw socket closed"));
        return;
      }
      resolvers.push(resolve);
      rejecters.push(reject);
      socket.write(encode(args));
    });

  const bench: BenchClient = {
    get: (key) => send(["GET", key]),
    set: (key, value) => send(["SET", key, value]),
    ping: () => send(["PING"]),
    close: async () => {
      socket.end();
      if (!socket.closed) await once(socket, "close");
    },
  };
  return bench;
};
