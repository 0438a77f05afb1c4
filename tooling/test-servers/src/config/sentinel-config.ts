// Renders one sentinel's configuration. Sentinel rewrites its file at run time
// (it records the replicas and sentinels it learns), so each gets its own copy.
import { quoteConfigValue } from "./server-config.js";

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
}

export function renderSentinelConfig(input: SentinelConfigInput): string {
  const name = input.primaryName;
  if (!/^[\w.-]+$/.test(name)) throw new TypeError(`unusable primary name: ${name}`);
  const lines = [
    "bind 127.0.0.1",
    "protected-mode no",
    "daemonize no",
    `port ${input.port}`,
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
  return `${lines.join("\n")}\n`;
}
