#!/usr/bin/env node
// Generates src/table/command-table.generated.ts from a running server's own
// command metadata (COMMAND INFO + COMMAND DOCS), so key positions, flags and
// routing tips come from the server rather than from memory.
//
// Also writes scripts/command-docs.generated.json (summary, since, complexity and
// group per command, from COMMAND DOCS), which generate-method-declarations.mjs
// turns into the doc comments of the client and batch methods.
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
  const options = {
    host: undefined,
    port: undefined,
    server: undefined,
    out: undefined,
    docsOut: undefined,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value after ${flag}`);
    if (flag === "--host") options.host = value;
    else if (flag === "--port") options.port = Number(value);
    else if (flag === "--server") options.server = value;
    else if (flag === "--out") options.out = value;
    else if (flag === "--docs-out") options.docsOut = value;
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
// Conversion of the server's metadata to compact table rows (the format is
// described in src/table/row-codec.ts, which decodes it).

const flagLetters = {
  readonly: "r",
  write: "w",
  blocking: "b",
  admin: "a",
  pubsub: "p",
  no_multi: "m",
  noscript: "s",
  loading: "l",
  stale: "t",
  fast: "f",
  may_replicate: "y",
};
const nondeterministicLetter = "n";

/** RESP2 sends maps as flat [k1, v1, k2, v2…] arrays. */
function pairs(flat) {
  const record = {};
  if (!Array.isArray(flat)) return record;
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]] = flat[i + 1];
  return record;
}

/** A policy tip's letter in a row (the letters of src/table/row-codec.ts's policyByLetter). */
const policyLetters = {
  default: "d",
  all_nodes: "n",
  all_shards: "s",
  multi_shard: "m",
  special: "x",
  one_succeeded: "o",
  all_succeeded: "a",
  agg_logical_and: "&",
  agg_logical_or: "|",
  agg_min: "<",
  agg_max: ">",
  agg_sum: "+",
};

function policyLetter(policy) {
  const letter = policyLetters[policy];
  if (letter === undefined) throw new Error(`no row letter for the policy ${policy}`);
  return letter;
}

function integer(value, what) {
  if (!Number.isInteger(value)) throw new Error(`${what} is not an integer: ${value}`);
  return value;
}

function encodeBegin(begin) {
  const spec = pairs(begin.spec);
  if (begin.type === "index") return String(integer(spec.index, "begin_search index"));
  if (begin.type === "keyword") {
    if (!/^[A-Z][A-Z0-9_-]*$/.test(spec.keyword)) {
      throw new Error(`keyword ${JSON.stringify(spec.keyword)} does not fit the row format`);
    }
    return `${spec.keyword}@${integer(spec.startfrom, "startfrom")}`;
  }
  return "?";
}

function encodeFind(find) {
  const spec = pairs(find.spec);
  if (find.type === "range") {
    const last = integer(spec.lastkey, "lastkey");
    const step = integer(spec.keystep, "keystep");
    const limit = integer(spec.limit, "limit");
    if (limit !== 0) return `${last}/${step}/${limit}`;
    if (step !== 1) return `${last}/${step}`;
    return String(last);
  }
  if (find.type === "keynum") {
    const index = integer(spec.keynumidx, "keynumidx");
    return `#${index}/${integer(spec.firstkey, "firstkey")}/${integer(spec.keystep, "keystep")}`;
  }
  return "?";
}

function encodeKeySpec(flat) {
  const spec = pairs(flat);
  const begin = encodeBegin(pairs(spec.begin_search));
  const find = encodeFind(pairs(spec.find_keys));
  return find === "0" ? begin : `${begin}:${find}`;
}

/** The row, without trailing empty fields ("-" keeps the position of an empty middle one). */
function joinFields(fields) {
  const kept = [...fields];
  while (kept.length > 2 && kept[kept.length - 1] === "-") kept.pop();
  return kept.join(" ");
}

function convertEntry(info, docsByName, container) {
  const [rawName, arity, flags, , , , , tips, keySpecs, subcommands] = info;
  const name = rawName.replace("|", " ").toUpperCase();
  const shownName = container ? `|${name.slice(container.length + 1)}` : name;
  let flagText = flags.map((flag) => flagLetters[flag] ?? "").join("");
  let request = "d";
  let response = "d";
  for (const tip of tips ?? []) {
    if (tip.startsWith("request_policy:"))
      request = policyLetter(tip.slice("request_policy:".length));
    else if (tip.startsWith("response_policy:"))
      response = policyLetter(tip.slice("response_policy:".length));
    else if (tip === "nondeterministic_output") flagText += nondeterministicLetter;
  }
  const keys = (keySpecs ?? []).map(encodeKeySpec).join(",");
  const policies = request === "d" && response === "d" ? "-" : `${request}${response}`;
  const row = joinFields([
    shownName,
    String(integer(arity, "arity")),
    flagText || "-",
    keys || "-",
    policies,
  ]);
  const docs = docsByName.get(name);
  const note = docs ? `${docs.group ?? "?"}, since ${docs.since ?? "?"}` : "";
  const children = (subcommands ?? [])
    .map((sub) => convertEntry(sub, docsByName, name))
    .sort(byName);
  return { name, row, note, children };
}

function byName(a, b) {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * One source line per row, comments aligned, subcommands right after their container.
 * Each row is a string literal ending in a newline, joined by `+`: a minifier folds them
 * into one string, about 2 bytes a row smaller than an array of strings.
 */
function renderRows(entries) {
  const flat = entries.flatMap((entry) => [entry, ...entry.children]);
  const width = Math.max(...flat.map((entry) => JSON.stringify(`${entry.row}\n`).length)) + 2;
  return flat.map((entry, index) => {
    const last = index === flat.length - 1;
    const literal = last
      ? `${JSON.stringify(entry.row)};`
      : `${JSON.stringify(`${entry.row}\n`)} +`;
    return entry.note ? `  ${literal.padEnd(width + 1)} // ${entry.note}` : `  ${literal}`;
  });
}

function indexDocs(flatDocs, prefix, into) {
  const docs = pairs(flatDocs);
  for (const [rawName, body] of Object.entries(docs)) {
    const name = `${prefix}${rawName.replace("|", " ")}`.toUpperCase();
    const fields = pairs(body);
    into.set(name, {
      group: fields.group,
      since: fields.since,
      summary: fields.summary,
      complexity: fields.complexity,
    });
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
    const entries = commandReply.map((info) => convertEntry(info, docsByName, "")).sort(byName);
    const lines = renderRows(entries);
    writeFileSync(out, render(serverName, version, lines));
    writeFileSync(
      options.docsOut ?? join(here, "command-docs.generated.json"),
      renderDocs(serverName, version, docsByName),
    );
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

/** COMMAND DOCS by full upper-case name, as JSON sorted by name (stable diffs). */
function renderDocs(serverName, version, docsByName) {
  const commands = {};
  for (const name of [...docsByName.keys()].sort()) commands[name] = docsByName.get(name);
  return `${JSON.stringify({ generatedFrom: { server: serverName, version }, commands }, null, 2)}\n`;
}

function render(serverName, version, lines) {
  return `// biome-ignore-all format: generated, one command per line
// GENERATED by scripts/generate-command-table.mjs from ${serverName} ${version}'s COMMAND INFO and
// COMMAND DOCS replies. Do not edit: regenerate (pnpm generate), and put hand-written
// additions in supplement.ts. Derived from the server's command metadata (BSD-3-Clause),
// see THIRD_PARTY_NOTICES.md.
//
// One row per command, one line of the string: NAME ARITY FLAGS KEYS POLICIES ("-" = none), decoded by
// row-codec.ts, which describes the format in full. In short:
//   "|SUB"  a subcommand of the row above it ("ACL" then "|CAT" is ACL CAT);
//   flags   r READONLY, w WRITE, b BLOCKING, a ADMIN, p PUBSUB, m NO_MULTI, s NOSCRIPT,
//           l LOADING, t STALE, f FAST, y MAY_REPLICATE, n NONDETERMINISTIC_OUTPUT;
//   keys    BEGIN[:FIND] per key spec: begin index N, WORD@N (keyword), ? (unknown);
//           find L[/S[/M]] (range lastkey/keystep/limit), #I/F/S (keynum idx/firstkey/keystep),
//           ? (unknown), left out for a single key;
//   policies the request then the response policy: d default, n allNodes, s allShards,
//           m multiShard, x special; o oneSucceeded, a allSucceeded, & aggLogicalAnd,
//           | aggLogicalOr, < aggMin, > aggMax, + aggSum.
// The trailing comment is the command's group and the version that introduced it.

export const generatedFrom = { server: ${JSON.stringify(serverName)}, version: ${JSON.stringify(version)} } as const;

export const generatedCommands: string =
${lines.join("\n")}
`;
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
