// The same workloads through petrel and redis-parser alternately, in one process,
// keeping the best of several runs of CPU time: steadier than wall-clock means on a
// shared machine. Run by `pnpm bench` after the mitata suite.

import RedisParser from "redis-parser";
import { RespDecoder } from "../src/index.js";
import { chunksOf, workloads } from "./workloads.js";

let sink: unknown = null;
let delivered = 0;

function cpuSeconds(feed: (chunk: Buffer) => void, chunks: Buffer[], repeats: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < repeats; i++) for (const chunk of chunks) feed(chunk);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

for (const { name, wire, replies } of workloads) {
  const chunks = chunksOf(wire);
  const repeats = Math.max(1, Math.round(2e6 / wire.length));
  for (const asBuffers of [false, true]) {
    const petrel = new RespDecoder({
      onReply(value) {
        sink = value;
        delivered++;
      },
      onPush() {},
      onError(error) {
        throw error;
      },
      replyAsBuffers: () => asBuffers,
    });
    const parser = new RedisParser({
      returnReply(reply) {
        sink = reply;
        delivered++;
      },
      returnError(error) {
        throw error;
      },
      returnBuffers: asBuffers,
    });
    const feedPetrel = (chunk: Buffer) => petrel.feed(chunk);
    const feedParser = (chunk: Buffer) => parser.execute(chunk);
    cpuSeconds(feedPetrel, chunks, repeats * 5);
    cpuSeconds(feedParser, chunks, repeats * 5);
    let bestPetrel = Number.POSITIVE_INFINITY;
    let bestParser = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 12; round++) {
      bestPetrel = Math.min(bestPetrel, cpuSeconds(feedPetrel, chunks, repeats));
      bestParser = Math.min(bestParser, cpuSeconds(feedParser, chunks, repeats));
    }
    const rate = (seconds: number) =>
      Math.round((replies * repeats) / seconds).toLocaleString("en");
    const mode = asBuffers ? "Buffers" : "strings";
    console.log(
      `${`${name} (${mode})`.padEnd(40)} petrel ${rate(bestPetrel).padStart(12)}/s  redis-parser ${rate(bestParser).padStart(12)}/s  ratio ${(bestParser / bestPetrel).toFixed(2)}`,
    );
  }
}
if (delivered === 0 || sink === null) throw new Error("nothing was decoded");
