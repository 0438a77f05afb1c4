// Command-line parsing for `petrel-test-servers`, kept apart from the process
// wiring so it can be unit-tested.
import type { AclUser, ClusterOptions, ClusterShape, StandaloneOptions } from "../types.js";

export const usage = `usage: petrel-test-servers standalone|cluster [options]
  --shape PxR          cluster shape: P primaries with R replicas each (default 3x1)
  --replica            standalone: also start one replica
  --tls                serve TLS only, with a generated CA and certificates
  --mtls               --tls, and require a client certificate from that CA (tls-auth-clients yes)
  --password P         password of the default user
  --user NAME:PASS[:RULES]  add an ACL user (repeatable), rules default to "~* &* +@all"
Prints the topology as JSON, stays up until Ctrl-C, then stops every server.`;

export type CliCommand =
  | { kind: "standalone"; options: StandaloneOptions }
  | { kind: "cluster"; options: ClusterOptions }
  | { kind: "help" };

export function parseClusterShape(text: string): ClusterShape {
  const match = /^(\d+)x(\d+)$/.exec(text.trim());
  if (!match)
    throw new TypeError(`invalid cluster shape ${JSON.stringify(text)}, expected e.g. 3x1`);
  return { primaries: Number(match[1]), replicasPerPrimary: Number(match[2]) };
}

function parseUser(text: string): AclUser {
  const [name, password, ...rules] = text.split(":");
  if (!name || !password)
    throw new TypeError(`invalid --user ${JSON.stringify(text)}, expected NAME:PASS`);
  return rules.length > 0 ? { name, password, rules: rules.join(":") } : { name, password };
}

export function parseCliArguments(argv: readonly string[]): CliCommand {
  const [kind, ...rest] = argv;
  if (kind === undefined || kind === "help" || kind === "--help" || kind === "-h") {
    return { kind: "help" };
  }
  if (kind !== "standalone" && kind !== "cluster") {
    throw new TypeError(`unknown topology ${JSON.stringify(kind)}\n${usage}`);
  }
  const options: StandaloneOptions & ClusterOptions = {};
  const users: AclUser[] = [];
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    const value = (): string => {
      const next = rest[++i];
      if (next === undefined) throw new TypeError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case "--tls":
        options.tls = true;
        break;
      case "--mtls":
        options.tls = true;
        options.requireClientCertificate = true;
        break;
      case "--password":
        options.password = value();
        break;
      case "--user":
        users.push(parseUser(value()));
        break;
      case "--shape":
        if (kind !== "cluster") throw new TypeError("--shape applies to cluster only");
        options.shape = parseClusterShape(value());
        break;
      case "--replica":
        if (kind !== "standalone") throw new TypeError("--replica applies to standalone only");
        options.withReplica = true;
        break;
      default:
        throw new TypeError(`unknown option ${JSON.stringify(flag)}\n${usage}`);
    }
  }
  if (users.length > 0) options.aclUsers = users;
  return kind === "standalone" ? { kind, options } : { kind, options };
}
