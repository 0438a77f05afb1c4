import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { completeBulkString, parseInfoCpuMicros, ServerCpuProbe } from "./server-cpu.js";

const info = (user: string, sys: string) =>
  `# CPU\r\nused_cpu_sys:${sys}\r\nused_cpu_user:${user}\r\nused_cpu_sys_children:0.000000\r\n`;

describe("parseInfoCpuMicros", () => {
  it("adds user and system CPU to the microsecond without float rounding", () => {
    expect(parseInfoCpuMicros(info("12.345678", "0.000001"))).toBe(12_345_679);
    // A large counter whose float sum would round: kept exact.
    expect(parseInfoCpuMicros(info("123456789.999999", "0.000001"))).toBe(123_456_790_000_000);
  });

  it("does not mistake used_cpu_sys_children for used_cpu_sys and fails on a missing field", () => {
    expect(
      parseInfoCpuMicros(
        "used_cpu_sys_children:9.000000\r\nused_cpu_sys:1.5\r\nused_cpu_user:2\r\n",
      ),
    ).toBe(3_500_000);
    expect(() => parseInfoCpuMicros("# CPU\r\nused_cpu_user:1.000000\r\n")).toThrow(/used_cpu_sys/);
  });
});

describe("completeBulkString", () => {
  it("waits for the whole body and rejects error replies", () => {
    const reply = Buffer.from("$5\r\nhello\r\n");
    expect(completeBulkString(reply.subarray(0, 3))).toBeUndefined();
    expect(completeBulkString(reply.subarray(0, 9))).toBeUndefined();
    expect(completeBulkString(reply)).toBe("hello");
    expect(() => completeBulkString(Buffer.from("-ERR unknown\r\n"))).toThrow(/ERR unknown/);
  });
});

describe("ServerCpuProbe", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
    );
  });

  /** A fake server answering INFO cpu with the next of `replies`, split in two writes. */
  async function fakeServer(replies: readonly string[]): Promise<number> {
    let next = 0;
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.on("data", () => {
        const body = replies[next++] ?? "";
        const whole = `$${Buffer.byteLength(body)}\r\n${body}\r\n`;
        socket.write(whole.slice(0, 7));
        setImmediate(() => socket.write(whole.slice(7)));
      });
    });
    server.on("close", () => {
      for (const socket of sockets) socket.destroy();
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    return address.port;
  }

  it("sums every server's CPU at each sample", async () => {
    const first = await fakeServer([info("1.000000", "0.500000"), info("1.200000", "0.600000")]);
    const second = await fakeServer([info("2.000000", "0.000000"), info("2.050000", "0.000000")]);
    const probe = await ServerCpuProbe.open([
      { host: "127.0.0.1", port: first },
      { host: "127.0.0.1", port: second },
    ]);
    try {
      const start = await probe.totalMicros();
      const end = await probe.totalMicros();
      expect(start).toBe(3_500_000);
      expect(end - start).toBe(350_000);
    } finally {
      probe.close();
    }
  });
});
