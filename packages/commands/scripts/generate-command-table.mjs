#!/usr/bin/env node
// Generates src/table/command-table.generated.ts from a running server's own
// command metadata (COMMAND INFO + COMMAND DOCS), so key positions, flags and
// routing tips come from the server rather than from memory.
//
// Usage:
//   node scripts/generate-command-table.mjs                 # spawns redis-server/valkey-server on a free port
//   node scripts/generate-command-table.mjs --host H --port P
//   node scripts/generate-command-table.mjs --server /path/to/valkey-server --out file.ts
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

function parseCliArgs(argv) {
  const options = { host: undefined, port: undefined, server: undefined, out: undefined };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value after ${flag}`);
    if (flag === "--host") options.host = value;
    else if (flag === "--port") options.port = Number(value);
    else if (flag === "--server") options.server = value;
    else if (flag === "--out") options.out = value;
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

// ---------------------------------------------------------------------------
// A minimal RESP2 client: enough to send a few commands and read their replies.

function encodeCommand(args) {
  let out = `*${args.length}\r\n`;
  for (const arg of args) out += `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`;
  return out;
}

/** Parses one RESP2 value at `offset`; returns [value, nextOffset] or undefined if incomplete. */
function parseReply(buffer, offset) {
  const lineEnd = buffer.indexOf("\r\n", offset);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buffer[offset]);
  const line = buffer.toString("utf8", offset + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case "+":
      return [line, next];
    case "-":
      return [new Error(line), next];
    case ":":
      return [Number(line), next];
    case "$": {
      const length = Number(line);
      if (length < 0) return [null, next];
      if (buffer.length < next + length + 2) return undefined;
      return [buffer.toString("utf8", next, next + length), next + length + 2];
    }
    case "*": {
      const count = Number(line);
      if (count < 0) return [null, next];
      const items = [];
      let cursor = next;
      for (let i = 0; i < count; i++) {
        const parsed = parseReply(buffer, cursor);
        if (!parsed) return undefined;
        items.push(parsed[0]);
        cursor = parsed[1];
      }
      return [items, cursor];
    }
    default:
      throw new Error(`unexpected RESP type byte ${JSON.stringify(type)}`);
  }
}

function request(host, port, commands) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let buffer = Buffer.alloc(0);
    const replies = [];
    socket.setTimeout(10_000, () =>
      socket.destroy(new Error("timed out reading the command table")),
    );
    socket.on("error", reject);
    socket.on("connect", () => socket.write(commands.map(encodeCommand).join("")));
    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const parsed = parseReply(buffer, 0);
        if (!parsed) break;
        replies.push(parsed[0]);
        buffer = buffer.subarray(parsed[1]);
      }
      if (replies.length === commands.length) {
        socket.end();
        const failed = replies.find((reply) => reply instanceof Error);
        if (failed) reject(failed);
        else resolve(replies);
      }
    });
  });
}

// ---------------------------------------------------------------------------
// Server lifecycle when no --host/--port is given.

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function findServerBinary(explicit) {
  if (explicit) return explicit;
  for (const name of ["valkey-server", "redis-server"]) {
    const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  throw new Error("no valkey-server or redis-server on PATH; pass --server or --host/--port");
}

async function startServer(binary) {
  const port = await freePort();
  const child = spawn(
    binary,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      await request("127.0.0.1", port, [["PING"]]);
      return { port, stop: () => child.kill("SIGTERM") };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  child.kill("SIGKILL");
  throw new Error(`${binary} did not answer PING on port ${port}`);
}

// ---------------------------------------------------------------------------
// Conversion of the server's metadata to table entries.

const flagNames = {
  readonly: "READONLY",
  write: "WRITE",
  blocking: "BLOCKING",
  admin: "ADMIN",
  pubsub: "PUBSUB",
  no_multi: "NO_MULTI",
  noscript: "NOSCRIPT",
  loading: "LOADING",
  stale: "STALE",
  fast: "FAST",
  may_replicate: "MAY_REPLICATE",
};

/** RESP2 sends maps as flat [k1, v1, k2, v2…] arrays. */
function pairs(flat) {
  const record = {};
  if (!Array.isArray(flat)) return record;
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]] = flat[i + 1];
  return record;
}

function camelCase(policy) {
  return policy.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());
}

function convertKeySpec(flat) {
  const spec = pairs(flat);
  const begin = pairs(spec.begin_search);
  const find = pairs(spec.find_keys);
  const beginSpec = pairs(begin.spec);
  const findSpec = pairs(find.spec);
  let beginOut = '"unknown"';
  if (begin.type === "index") beginOut = `{ index: ${beginSpec.index} }`;
  else if (begin.type === "keyword") {
    beginOut = `{ keyword: ${JSON.stringify(beginSpec.keyword)}, startFrom: ${beginSpec.startfrom} }`;
  }
  let findOut = '"unknown"';
  if (find.type === "range") {
    findOut = `{ lastKey: ${findSpec.lastkey}, keyStep: ${findSpec.keystep}, limit: ${findSpec.limit} }`;
  } else if (find.type === "keynum") {
    findOut = `{ keyNumIndex: ${findSpec.keynumidx}, firstKey: ${findSpec.firstkey}, keyStep: ${findSpec.keystep} }`;
  }
  return `{ begin: ${beginOut}, find: ${findOut} }`;
}

function convertEntry(info, docsByName) {
  const [rawName, arity, flags, , , , , tips, keySpecs, subcommands] = info;
  const name = rawName.replace("|", " ").toUpperCase();
  const flagBits = flags.map((flag) => flagNames[flag]).filter(Boolean);
  let request = "default";
  let response = "default";
  for (const tip of tips ?? []) {
    if (tip.startsWith("request_policy:")) request = camelCase(tip.slice("request_policy:".length));
    else if (tip.startsWith("response_policy:"))
      response = camelCase(tip.slice("response_policy:".length));
    else if (tip === "nondeterministic_output") flagBits.push("NONDETERMINISTIC_OUTPUT");
  }
  const flagsOut = flagBits.length === 0 ? "0" : flagBits.map((flag) => `F.${flag}`).join(" | ");
  const keys = `[${(keySpecs ?? []).map(convertKeySpec).join(", ")}]`;
  const docs = docsByName.get(name);
  const note = docs ? ` // ${docs.group ?? "?"}, since ${docs.since ?? "?"}` : "";
  const line = `  { name: ${JSON.stringify(name)}, arity: ${arity}, flags: ${flagsOut}, keys: ${keys}, request: "${request}", response: "${response}" },${note}`;
  const children = (subcommands ?? []).map((sub) => convertEntry(sub, docsByName));
  return [[name, line], ...children.flat()];
}

function indexDocs(flatDocs, prefix, into) {
  const docs = pairs(flatDocs);
  for (const [rawName, body] of Object.entries(docs)) {
    const name = `${prefix}${rawName.replace("|", " ")}`.toUpperCase();
    const fields = pairs(body);
    into.set(name, { group: fields.group, since: fields.since });
    if (fields.subcommands) indexDocs(fields.subcommands, "", into);
  }
  return into;
}

async function main() {
  const options = parseCliArgs(process.argv.slice(2));
  const out = options.out ?? join(here, "..", "src", "table", "command-table.generated.ts");
  let host = options.host ?? "127.0.0.1";
  let port = options.port;
  let stop = () => {};
  if (port === undefined) {
    const started = await startServer(findServerBinary(options.server));
    port = started.port;
    stop = started.stop;
    host = "127.0.0.1";
  }
  try {
    const [infoReply, commandReply, docsReply] = await request(host, port, [
      ["INFO", "server"],
      ["COMMAND", "INFO"],
      ["COMMAND", "DOCS"],
    ]);
    const serverInfo = pairsFromInfo(infoReply);
    const serverName = serverInfo.server_name ?? (serverInfo.valkey_version ? "valkey" : "redis");
    const version = serverInfo.valkey_version ?? serverInfo.redis_version ?? "unknown";
    const docsByName = indexDocs(docsReply, "", new Map());
    const lines = commandReply
      .flatMap((info) => convertEntry(info, docsByName))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, line]) => line);
    writeFileSync(out, render(serverName, version, lines));
    process.stdout.write(
      `wrote ${lines.length} commands from ${serverName} ${version} to ${out}\n`,
    );
  } finally {
    stop();
  }
}

function pairsFromInfo(text) {
  const fields = {};
  for (const line of String(text).split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return fields;
}

function render(serverName, version, lines) {
  return `// biome-ignore-all format: generated, one command per line
// GENERATED by scripts/generate-command-table.mjs from ${serverName} ${version}'s COMMAND INFO and
// COMMAND DOCS replies. Do not edit: regenerate (pnpm generate), and put hand-written
// additions in supplement.ts. Derived from the server's command metadata (BSD-3-Clause),
// see THIRD_PARTY_NOTICES.md.
import { CommandFlags as F } from "../command.js";
import type { TableEntry } from "./table-entry.js";

export const generatedFrom = { server: ${JSON.stringify(serverName)}, version: ${JSON.stringify(version)} } as const;

export const generatedCommands: readonly TableEntry[] = [
${lines.join("\n")}
];
`;
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
