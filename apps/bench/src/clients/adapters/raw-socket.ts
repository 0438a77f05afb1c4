// The floor: no client library, one socket.write per request and a minimal
// reply parser. Shows what the loopback round trip and the server cost on this
// machine, so a latency target below it is known to be out of reach.
import { once } from "node:events";
import net from "node:net";
import type { BenchClient, ConnectClient } from "../bench-client.js";
import { type MinimalReply, MinimalReplyReader } from "./minimal-reply-reader.js";

interface Waiter {
  resolve(reply: MinimalReply): void;
  reject(error: Error): void;
}

function encode(args: readonly string[]): string {
  let text = `*${args.length}\r\n`;
  for (const arg of args) text += `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`;
  return text;
}

export const connect: ConnectClient = async (address) => {
  const socket = net.connect({ host: address.host, port: address.port, noDelay: true });
  await once(socket, "connect");
  const waiting: Waiter[] = [];
  let head = 0;
  const failAll = (error: Error): void => {
    for (const waiter of waiting.splice(head)) waiter.reject(error);
    waiting.length = 0;
    head = 0;
  };
  const reader = new MinimalReplyReader((reply) => {
    const waiter = waiting[head++];
    if (head > 1024 && head * 2 > waiting.length) {
      waiting.splice(0, head);
      head = 0;
    }
    if (waiter === undefined) return;
    if (reply instanceof Error) waiter.reject(reply);
    else waiter.resolve(reply);
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
      waiting.push({ resolve, reject });
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
