// A bare RESP connection for tests: writes commands with @petrel/protocol's
// encoder and reads every frame (replies and pushes alike, in order) as
// WireFrames. No retries, no reconnects: tests see exactly what the server sent.

import { connect, type Socket } from "node:net";
import { encodeCommand } from "@petrel/protocol";
import { type WireFrame, WireReader } from "./wire-reader.js";

export type CommandInput = readonly (string | Buffer | number)[];

export class RawClient {
  private readonly reader = new WireReader();
  private readonly frames: WireFrame[] = [];
  private waiters: (() => void)[] = [];
  private ended = false;

  private constructor(private readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.reader.feed(chunk);
      this.frames.push(...this.reader.drain());
      this.wake();
    });
    socket.on("close", () => {
      this.ended = true;
      this.wake();
    });
    socket.on("error", () => {
      this.ended = true;
      this.wake();
    });
  }

  static connect(port: number, host = "127.0.0.1"): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host });
      socket.once("connect", () => {
        socket.off("error", reject);
        socket.setNoDelay(true);
        resolve(new RawClient(socket));
      });
      socket.once("error", reject);
    });
  }

  /** True once the server closed the connection. */
  get closed(): boolean {
    return this.ended;
  }

  /** Frames received and not yet read. */
  get buffered(): number {
    return this.frames.length;
  }

  send(command: CommandInput): void {
    this.socket.write(encodeCommand(command));
  }

  writeRaw(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /** The next frame; rejects after `timeoutMs` or when the connection closes first. */
  async read(timeoutMs = 2000): Promise<WireFrame> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0) {
      if (this.ended) throw new Error("connection closed before a reply arrived");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no reply within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.frames.shift() as WireFrame;
  }

  /** Sends a command and reads `replies` frames (one by default). */
  async call(command: CommandInput, replies = 1): Promise<WireFrame> {
    this.send(command);
    if (replies === 1) return this.read();
    const out: WireFrame[] = [];
    for (let i = 0; i < replies; i++) out.push(await this.read());
    return out;
  }

  /** Resolves once the server has closed the connection. */
  async waitClosed(timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`connection still open after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
