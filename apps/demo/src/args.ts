// The demo's command line: no argument runs against the embedded fake cluster.
import type { Mode } from "./target.js";

export type DemoArgs =
  | { readonly kind: "fake" }
  | { readonly kind: "real"; readonly mode: Mode; readonly address: string }
  | { readonly kind: "help" };

export const usage = `Usage: petrel-demo [--cluster <host:port|uri>] [--standalone <host:port|uri>]

  (no option)          run against an embedded fake cluster (3 shards × 1 replica)
  --cluster ADDRESS    run against a real cluster (one seed address is enough)
  --standalone ADDRESS run against a real standalone server
  ADDRESS              host:port, or a valkey://, valkeys://, redis:// or rediss:// URI

Against a real server the steps that need the fake's control API (slot
migration, failover) are skipped. The demo writes keys under "petrel-demo:".`;

/** Reads argv (without node and the script); throws an Error with a usage hint on bad input. */
export function parseArgs(argv: readonly string[]): DemoArgs {
  if (argv.length === 0) return { kind: "fake" };
  const [first, second, ...rest] = argv;
  if (first === "--help" || first === "-h") return { kind: "help" };
  if (first === "--cluster" || first === "--standalone") {
    if (second === undefined || second.startsWith("--"))
      throw new Error(`${first} needs an address (host:port or a valkey:// URI)`);
    if (rest.length > 0) throw new Error(`unexpected arguments: ${rest.join(" ")}`);
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(second) && !/^(\[[^\]]+\]|[^:\s]+):\d+$/.test(second))
      throw new Error(`"${second}" is neither host:port nor a URI`);
    return {
      kind: "real",
      mode: first === "--cluster" ? "cluster" : "standalone",
      address: second,
    };
  }
  throw new Error(`unknown argument "${first}"`);
}
