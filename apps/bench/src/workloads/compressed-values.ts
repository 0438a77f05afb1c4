// 64 KiB JSON-like values with GLIDE's value compression off and on (zstd,
// level 3, GLIDE's defaults), Petrel and GLIDE only: what compressing costs and
// saves on the client. Off and on alternate run by run, compared in pairs.
import { alternateSetGet, LARGE_VALUE_METRICS } from "./large-values.js";
import type { Workload } from "./workload.js";

const VALUE_BYTES = 64 * 1024;

/** JSON text of records like an API cache holds, seeded so each process sends its own. */
export function jsonLikeValue(seed: number, bytes = VALUE_BYTES): string {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];
  const items: string[] = [];
  let length = 2;
  while (length < bytes) {
    const item = JSON.stringify({
      id: Math.floor(next() * 1e9),
      name: `${words[Math.floor(next() * words.length)]}-${Math.floor(next() * 1e4)}`,
      active: next() > 0.5,
      score: Math.round(next() * 1e6) / 100,
      created: new Date(1.7e12 + Math.floor(next() * 1e10)).toISOString(),
    });
    items.push(item);
    length += item.length + 1;
  }
  return `[${items.join(",")}]`.slice(0, bytes);
}

export function compressedValues(compression: boolean): Workload {
  return {
    id: compression ? "json-64k-compressed" : "json-64k-uncompressed",
    title: `64 KiB JSON values, compression ${compression ? "on (zstd)" : "off"}`,
    description: `Alternating SET and GET of ${VALUE_BYTES / 1024} KiB JSON-like text over 64 keys, 16 in flight, ${compression ? "with GLIDE's compression enabled (zstd level 3, minCompressionSize 64)" : "without compression"}; MB/s counts the value bytes before compression.`,
    server: "standalone",
    primaryMetric: "megabytesPerSec",
    metrics: LARGE_VALUE_METRICS,
    samplesPerRound: 1,
    clients: ["petrel", "valkey-glide"],
    interleaveGroup: "json-64k",
    async run({ connect, settings, servers }) {
      const client = await connect({ compression });
      return alternateSetGet(
        client,
        settings,
        jsonLikeValue(process.pid),
        (sequence) => `bench:json:${sequence % 64}`,
        servers,
      );
    },
  };
}
