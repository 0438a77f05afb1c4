// Renders one sentinel's configuration. Sentinel rewrites its file at run time
// (it records the replicas and sentinels it learns), so each gets its own copy.
import type { TlsMaterial } from "../types.js";
import { listenLines, quoteConfigValue } from "./server-config.js";

export interface SentinelConfigInput {
  port: number;
  primaryName: string;
  primaryPort: number;
  /** Sentinels that must agree the primary is down. */
  quorum: number;
  downAfterMs: number;
  failoverTimeoutMs: number;
  /** The data nodes' `default` password, if any. */
  password: string | undefined;
  /** The sentinels' own password (`requirepass`, and `sentinel-pass` towards their peers). */
  sentinelPassword: string | undefined;
  /** TLS only, for clients, towards the data nodes and between sentinels. */
  tls: TlsMaterial | undefined;
  requireClientCertificate: boolean;
}

export function renderSentinelConfig(input: SentinelConfigInput): string {
  const name = input.primaryName;
  if (!/^[\w.-]+$/.test(name)) throw new TypeError(`unusable primary name: ${name}`);
  const lines = [
    "bind 127.0.0.1",
    "protected-mode no",
    "daemonize no",
    ...listenLines(input.port, input.tls, input.requireClientCertificate),
    "logfile server.log",
    "dir ./",
    `sentinel monitor ${name} 127.0.0.1 ${input.primaryPort} ${input.quorum}`,
    `sentinel down-after-milliseconds ${name} ${input.downAfterMs}`,
    `sentinel failover-timeout ${name} ${input.failoverTimeoutMs}`,
    `sentinel parallel-syncs ${name} 1`,
  ];
  if (input.password !== undefined) {
    lines.push(`sentinel auth-pass ${name} ${quoteConfigValue(input.password)}`);
  }
  if (input.sentinelPassword !== undefined) {
    const password = quoteConfigValue(input.sentinelPassword);
    lines.push(`requirepass ${password}`, `sentinel sentinel-pass ${password}`);
  }
  return `${lines.join("\n")}\n`;
}
