// Runs the Sentinel failover workload once per client and kind, one after the
// other, and prints a markdown table (the lead records it in BENCHMARKS.md).
import { sentinelClients } from "./clients.js";
import { type FailoverKind, type FailoverResult, runFailover } from "./sentinel-failover.js";

const kinds: FailoverKind[] = ["failover", "kill"];
const results: FailoverResult[] = [];
for (const kind of kinds) {
  for (const [name, factory] of Object.entries(sentinelClients)) {
    process.stderr.write(`${kind}: ${name}…\n`);
    const result = await runFailover(name, factory, kind);
    process.stderr.write(`${JSON.stringify(result)}\n`);
    results.push(result);
  }
}
console.log(
  "| event | client | +switch-master after | first write on the new primary after | failed calls | acknowledged then lost |",
);
console.log("| --- | --- | ---: | ---: | ---: | ---: |");
for (const r of results) {
  const event = r.kind === "kill" ? "SIGKILL of the primary" : "SENTINEL FAILOVER";
  const resume = r.resumeMs === undefined ? "never" : `${r.resumeMs} ms`;
  console.log(
    `| ${event} | ${r.client} | ${r.switchMs} ms | ${resume} | ${r.failed} | ${r.lost} |`,
  );
}
process.exit(0);
