// Decoder and encoder throughput, side by side with redis-parser on the same
// RESP2 bytes. Input is fed in 64 KiB chunks, as a socket delivers it.
// Run with `pnpm bench` in this package.

import os from "node:os";
import { bench, do_not_optimize, group, run, summary } from "mitata";
import RedisParser from "redis-parser";
import { CommandEncoder, encodeCommand, RespDecoder, type RespValue } from "../src/index.js";
import { chunksOf, type Workload, workloads } from "./workloads.js";

let sink: RespValue | unknown = null;
let count = 0;

function petrelDecoder(asBuffers: boolean): RespDecoder {
  return new RespDecoder({
    onReply(value) {
      sink = value;
      count++;
    },
    onPush() {},
    onError(error) {
      throw error;
    },
    replyAsBuffers: () => asBuffers,
  });
}

function redisParser(asBuffers: boolean): RedisParser {
  return new RedisParser({
    returnReply(reply) {
      sink = reply;
      count++;
    },
    returnError(error) {
      throw error;
    },
    returnBuffers: asBuffers,
  });
}

for (const { name, wire, replies } of workloads) {
  const chunks = chunksOf(wire);
  for (const asBuffers of [false, true]) {
    const mode = asBuffers ? "Buffers" : "strings";
    summary(() => {
      group(
        `decode ${name} (${replies} replies, ${(wire.length / 1024).toFixed(0)} KiB, ${mode})`,
        () => {
          const petrel = petrelDecoder(asBuffers);
          bench(`petrel ${name} ${mode}`, () => {
            for (const chunk of chunks) petrel.feed(chunk);
            do_not_optimize(sink);
          }).baseline(true);
          const parser = redisParser(asBuffers);
          bench(`redis-parser ${name} ${mode}`, () => {
            for (const chunk of chunks) parser.execute(chunk);
            do_not_optimize(sink);
          });
        },
      );
    });
  }
}

const commands = 1000;
group(`encode ${commands} commands`, () => {
  bench("encodeCommand SET key value", () => {
    for (let i = 0; i < commands; i++) do_not_optimize(encodeCommand(["SET", "key:1234", "value"]));
  });
  bench("CommandEncoder push + take", () => {
    const encoder = new CommandEncoder();
    for (let i = 0; i < commands; i++) encoder.push(["SET", "key:1234", "value"]);
    do_not_optimize(encoder.take());
  });
});

const result = await run();

// Throughput per benchmark: replies/s and MB/s from mitata's mean time per iteration.
console.log(
  `\n${new Date().toISOString()} · ${os.cpus()[0]?.model ?? "cpu"} · ${os.cpus().length} cores · Node ${process.version}`,
);
const workloadByName = new Map<string, Workload>();
for (const item of workloads) {
  workloadByName.set(`${item.name} strings`, item);
  workloadByName.set(`${item.name} Buffers`, item);
}
for (const trial of result.benchmarks) {
  for (const runResult of trial.runs) {
    if (runResult.stats === undefined) continue;
    const seconds = runResult.stats.avg / 1e9;
    const key = runResult.name.replace(/^(petrel|redis-parser) /, "");
    const item = workloadByName.get(key);
    if (item !== undefined) {
      const repliesPerSecond = item.replies / seconds;
      const megabytesPerSecond = item.wire.length / seconds / 1e6;
      console.log(
        `${runResult.name.padEnd(50)} ${Math.round(repliesPerSecond).toLocaleString("en").padStart(14)} replies/s ${megabytesPerSecond.toFixed(0).padStart(6)} MB/s`,
      );
    } else {
      console.log(
        `${runResult.name.padEnd(50)} ${Math.round(commands / seconds)
          .toLocaleString("en")
          .padStart(14)} commands/s`,
      );
    }
  }
}
if (count === 0) throw new Error("nothing was decoded");
