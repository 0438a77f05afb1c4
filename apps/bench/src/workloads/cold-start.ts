// Import + createClient + first PING, timed in a worker that has loaded no client yet.
import type { Workload } from "./workload.js";

export const coldStart: Workload = {
  id: "cold-start",
  title: "Cold start",
  description:
    "In a fresh process: import the library, create a client, and await the first PING reply.",
  server: "standalone",
  primaryMetric: "coldStartMillis",
  metrics: ["coldStartMillis"],
  samplesPerRound: 2,
  async run({ connect }) {
    const started = performance.now();
    const client = await connect();
    await client.ping();
    const coldStartMillis = performance.now() - started;
    await client.close();
    return { coldStartMillis };
  },
};
