import { describe, expect, it } from "vitest";
import { parseMonitorLine } from "./monitor-line.js";

describe("parseMonitorLine", () => {
  it("reads GLIDE's examples", () => {
    expect(parseMonitorLine('+1678886400.123456 [0 127.0.0.1:12345] "SET" "key" "value"')).toEqual({
      timestamp: 1678886400.123456,
      db: 0,
      clientAddr: "127.0.0.1:12345",
      command: "SET",
      args: ["key", "value"],
    });
    expect(parseMonitorLine('1678886400.000000 [3 127.0.0.1:1] "PING"')).toMatchObject({
      db: 3,
      command: "PING",
      args: [],
    });
    expect(parseMonitorLine('1.0 [0 lua] "GET" "k"')?.clientAddr).toBe("lua");
  });

  it("undoes the server's escapes", () => {
    const line = parseMonitorLine(
      '1.5 [0 unix:/tmp/s.sock] "SET" "va\\"l\\\\ue" "a\\r\\nb" "\\xe2\\x82\\xac" "\\x01"',
    );
    expect(line?.clientAddr).toBe("unix:/tmp/s.sock");
    expect(line?.args).toEqual(['va"l\\ue', "a\r\nb", "€", "\x01"]);
  });

  it("returns undefined for what is not a monitor line", () => {
    for (const raw of [
      "",
      "OK",
      "not a monitor line",
      '+notanumber [0 addr] "CMD"',
      '1.0 [x a] "C"',
      "1.0 [0 a]",
    ]) {
      expect(parseMonitorLine(raw)).toBeUndefined();
    }
  });
});
