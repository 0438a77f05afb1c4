// redis-benchmark -t set,get -n 100000 -P 16 -q against the standalone server:
// the C reference issue 7 compares Petrel's pipelines with (SET), and issue 19
// its 80/20 throughput (GET). Absent binary: undefined.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { ServerAddress } from "../clients/bench-client.js";

export interface RedisBenchmarkResult {
  binary: string;
  setsPerSec: number;
  getsPerSec: number;
}

export function parseRedisBenchmark(
  output: string,
  test: "SET" | "GET" = "SET",
): number | undefined {
  // -q prints e.g. "SET: 123456.79 requests per second, p50=0.199 msec" (after \r progress lines).
  const match = new RegExp(`${test}: ([\\d.]+) requests per second`).exec(output);
  return match ? Number(match[1]) : undefined;
}

export function runRedisBenchmark(
  serverBinary: string,
  address: ServerAddress,
): Promise<RedisBenchmarkResult | undefined> {
  const binary = path.join(path.dirname(serverBinary), "redis-benchmark");
  if (!existsSync(binary)) return Promise.resolve(undefined);
  const args = ["-h", address.host, "-p", String(address.port)];
  args.push("-t", "set,get", "-n", "100000", "-P", "16", "-q");
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: 60_000 }, (error, stdout) => {
      if (error) {
        reject(error);
        return;
      }
      const setsPerSec = parseRedisBenchmark(stdout, "SET");
      const getsPerSec = parseRedisBenchmark(stdout, "GET");
      if (setsPerSec === undefined || getsPerSec === undefined)
        reject(new Error(`Unexpected redis-benchmark output: ${stdout}`));
      else resolve({ binary, setsPerSec, getsPerSec });
    });
  });
}
