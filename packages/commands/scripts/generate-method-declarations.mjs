#!/usr/bin/env node
// Writes the declarations of the methods the clients and batches install from
// the command records, one documented method signature each, so that an editor
// (and TypeDoc) shows a doc comment for every one of them:
//   packages/commands/src/generated/client-methods.generated.ts
//   packages/batch/src/generated/batch-methods.generated.ts
// The types stay derived from the command factories (`Parameters<…>` and the
// factory's Command reply); this script adds the names and the documentation:
// the COMMAND DOCS summary, since and complexity (command-docs.generated.json,
// written by generate-command-table.mjs, plus command-docs-supplement.mjs for
// commands newer than that server), the factory's own doc comment, the reply
// in words, an example for the most used commands (method-examples.mjs, run by
// packages/client/test/method-examples.test.ts) and `@see` to valkey.io.
//
//   node packages/commands/scripts/generate-method-declarations.mjs          # writes
//   node packages/commands/scripts/generate-method-declarations.mjs --check  # exit 1 when stale
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { newerCommandDocs } from "./command-docs-supplement.mjs";
import { methodExamples } from "./method-examples.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const commandsDir = join(root, "packages/commands");
const batchDir = join(root, "packages/batch");
const require = createRequire(join(commandsDir, "package.json"));
const ts = require("typescript");

export const outputs = {
  client: join(commandsDir, "src/generated/client-methods.generated.ts"),
  batch: join(batchDir, "src/generated/batch-methods.generated.ts"),
};

/** Methods that are not one command: their documentation, written here. */
const notCommands = {
  customCommand: [
    'Queues any command, given as its argument list (`["CLIENT", "LIST"]`). Its slot in',
    "`exec`'s results holds the reply as the server sent it, decoded but not reshaped.",
  ],
};

/** Methods whose command the factory's spec does not name (it builds another command). */
const commandOverrides = {
  invokeScript: "EVALSHA",
};

// ---------------------------------------------------------------------------
// Reading the records through the TypeScript checker.

function createChecker() {
  const configPath = join(batchDir, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, batchDir);
  const index = join(commandsDir, "src/index.ts");
  const files = [index, join(batchDir, "src/records.ts")];
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  // Type names a reader can look up: the ones @petrel/commands exports.
  const exported = checker.getExportsOfModule(
    checker.getSymbolAtLocation(program.getSourceFile(index)),
  );
  const publicNames = new Set(exported.map((symbol) => symbol.getName()));
  return { program, checker, files, publicNames };
}

/** The exported const `name` of `file` and its properties (one per method). */
function recordProperties({ program, checker }, file, name) {
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`not in the program: ${file}`);
  const symbol = checker
    .getExportsOfModule(checker.getSymbolAtLocation(source))
    .find((candidate) => candidate.getName() === name);
  if (!symbol) throw new Error(`${file} exports no ${name}`);
  const type = checker.getTypeOfSymbolAtLocation(symbol, source);
  return new Map(checker.getPropertiesOfType(type).map((p) => [p.getName(), p]));
}

/** The function a record property holds, with what the declarations need of it. */
function describeFactory({ checker, publicNames }, name, property) {
  const type = checker.getTypeOfSymbol(property);
  const signature = type.getCallSignatures()[0];
  if (!signature) throw new Error(`${name} is not a function`);
  const declaration = signature.getDeclaration();
  const reply = commandReply(checker, publicNames, signature.getReturnType());
  const docs = ts
    .displayPartsToString(signature.getDocumentationComment(checker))
    .replace(/\s+/g, " ")
    .trim();
  if (notCommands[name]) return { name, reply, docs, command: undefined };
  const commands = commandOverrides[name]
    ? [commandOverrides[name]]
    : specNames(checker, factoryNode(declaration), 0);
  if (commands.length === 0) throw new Error(`${name}: no command spec found in its factory`);
  return { name, reply, docs, command: commands[0] };
}

function commandReply(checker, publicNames, commandType) {
  const [reply] = checker.getTypeArguments(commandType);
  if (!reply) throw new Error(`not a Command<T>: ${checker.typeToString(commandType)}`);
  return typeText(checker, publicNames, reply);
}

/** A type as text, with the aliases a reader cannot look up (not exported) spelled out. */
function typeText(checker, publicNames, type) {
  const flags = ts.TypeFormatFlags.NoTruncation;
  const alias = type.aliasSymbol;
  if (alias && !publicNames.has(alias.getName())) {
    return checker.typeToString(type, undefined, flags | ts.TypeFormatFlags.InTypeAlias);
  }
  if (!alias && checker.isArrayType(type)) {
    const [element] = checker.getTypeArguments(type);
    const text = typeText(checker, publicNames, element);
    return element.isUnion() && text.includes(" | ") ? `(${text})[]` : `${text}[]`;
  }
  if (alias && type.aliasTypeArguments?.length) {
    const args = type.aliasTypeArguments.map((arg) => typeText(checker, publicNames, arg));
    return `${alias.getName()}<${args.join(", ")}>`;
  }
  return checker.typeToString(type, undefined, flags).replace(/Buffer<ArrayBufferLike>/g, "Buffer");
}

/**
 * Where a factory's code is: a function's declaration, or for a const typed by a
 * function type (`export const strlen: (key) => … = positional(STRLEN, 1)`) its initializer.
 */
function factoryNode(declaration) {
  return declaration &&
    ts.isFunctionTypeNode(declaration) &&
    ts.isVariableDeclaration(declaration.parent)
    ? declaration.parent.initializer
    : declaration;
}

/**
 * Command names of the specs a factory uses: specs defined in its `positional` call, and
 * constants initialised by a call whose
 * first argument is a command name (`defineSpec("Get", …)`, `defineSpec("SORT_RO", …)`, `count("Exists")`),
 * followed into helpers of the same package two calls deep.
 */
function specNames(checker, node, depth) {
  const names = [];
  const visit = (child) => {
    // A spec defined in place: `positional(defineSpec("Strlen", toNumber), 1)`.
    const inline =
      ts.isCallExpression(child) && child.parent === node ? child.arguments[0] : undefined;
    if (
      inline &&
      ts.isStringLiteral(inline) &&
      /^[A-Z][A-Za-z_]*( [A-Za-z_-]+)?$/.test(inline.text)
    ) {
      names.push(inline.text.toUpperCase());
    }
    if (ts.isIdentifier(child)) {
      const symbol = checker.getSymbolAtLocation(child);
      const declaration = symbol?.valueDeclaration;
      if (declaration && ts.isVariableDeclaration(declaration)) {
        const init = declaration.initializer;
        const first = init && ts.isCallExpression(init) ? init.arguments[0] : undefined;
        // "GET", "CONFIG GET", or GLIDE's spelling in the one-name form ("Get", "Config Get").
        if (
          first &&
          ts.isStringLiteral(first) &&
          /^[A-Z][A-Za-z_]*( [A-Za-z_-]+)?$/.test(first.text)
        ) {
          names.push(first.text.toUpperCase());
        }
      } else if (symbol && depth < 2) {
        // A helper or another factory (also one taken from a record): follow its body.
        const called = factoryNode(
          checker.getTypeOfSymbolAtLocation(symbol, child).getCallSignatures()[0]?.getDeclaration(),
        );
        if (
          called &&
          (ts.isFunctionDeclaration(called) ||
            ts.isArrowFunction(called) ||
            ts.isCallExpression(called)) &&
          called !== node &&
          called.getSourceFile().fileName.includes("/packages/")
        ) {
          names.push(...specNames(checker, called, depth + 1));
        }
      }
    }
    ts.forEachChild(child, visit);
  };
  if (ts.isCallExpression(node)) ts.forEachChild(node, visit);
  else if (node.body) ts.forEachChild(node.body, visit);
  return [...new Set(names)];
}

// ---------------------------------------------------------------------------
// Documentation text.

function commandDocs() {
  const generated = JSON.parse(readFileSync(join(here, "command-docs.generated.json"), "utf8"));
  return { ...generated.commands, ...newerCommandDocs };
}

function sentence(text) {
  const trimmed = text.trim().replace(/\s+/g, " ");
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

const STRING = "a string (a `Buffer` with `Decoder.Bytes`)";

/** The reply type in words, for the common shapes; the type itself otherwise. */
export function replyInWords(type) {
  const known = {
    number: "a number",
    '"OK"': '`"OK"`',
    boolean: "`true` or `false`",
    string: "a string",
    GlideString: STRING,
    "GlideString | null": `${STRING}, or \`null\` when there is none`,
    "number | null": "a number, or `null` when there is none",
    "GlideString[]": "an array of strings",
    "GlideString[] | null": "an array of strings, or `null` when there is none",
    "(GlideString | null)[]": "an array with one string, or `null`, per item asked for",
    "number[]": "an array of numbers",
    "(number | null)[]": "an array with one number, or `null`, per item asked for",
    "boolean[]": "an array of booleans, one per item asked for",
    "Set<GlideString>": "a `Set` of strings",
    Buffer: "a `Buffer`",
    "string[]": "an array of strings",
    "GlideString[][]": "an array of string arrays",
    '"OK" | GlideString | null':
      '`"OK"`, or with `returnOldValue` the old value (`null` when there was none); `null` when a condition was not met',
    HashDataType: "the fields and values, as `{ field, value }` records",
    SortedSetDataType: "the members and scores, as `{ element, score }` records",
  };
  if (known[type]) return known[type];
  const perNode = /^ClusterResponse<(.*)>$/.exec(type);
  if (perNode) {
    return `${replyInWords(perNode[1])} from one node; when the route reaches several nodes, a record of them keyed by "host:port"`;
  }
  const orNull = /^(.*) \| null$/.exec(type);
  if (orNull && known[orNull[1]]) return `${known[orNull[1]]}, or \`null\` when there is none`;
  return `\`${type}\``;
}

function docComment(lines, indent = "  ") {
  const body = lines.flatMap((line) => (line === "" ? [""] : line.split("\n")));
  return [
    `${indent}/**`,
    ...body.map((line) => (line === "" ? `${indent} *` : `${indent} * ${line}`)),
    `${indent} */`,
  ];
}

function seeUrl(command) {
  return `https://valkey.io/commands/${command.toLowerCase().replace(/ /g, "-")}/`;
}

function methodDoc(factory, docs, kind) {
  if (factory.command === undefined) return notCommands[factory.name];
  const entry = docs[factory.command];
  if (!entry) throw new Error(`${factory.name}: no COMMAND DOCS entry for ${factory.command}`);
  const lines = [sentence(entry.summary ?? factory.command)];
  if (factory.docs) lines.push("", sentence(factory.docs));
  const reply = replyInWords(factory.reply);
  lines.push(
    "",
    kind === "client"
      ? `Resolves to ${reply}.`
      : `Queues the command and returns the batch; its slot in \`exec\`'s results holds ${reply}.`,
    "",
    `Valkey command \`${factory.command}\` (${entry.group ?? "generic"}), since ${entry.since ?? "?"}.` +
      (entry.complexity ? ` Time complexity: ${sentence(entry.complexity)}` : ""),
  );
  const example = kind === "client" ? methodExamples[factory.name] : undefined;
  if (example) lines.push("", "@example", "```ts", ...example, "```");
  lines.push(`@see ${seeUrl(factory.command)}`);
  return lines;
}

// ---------------------------------------------------------------------------
// Rendering.

const HEADER = (what) => `// biome-ignore-all format: generated, one method per line
// GENERATED by packages/commands/scripts/generate-method-declarations.mjs from the
// command records and the server's COMMAND DOCS (BSD-3-Clause, see
// packages/commands/src/table/THIRD_PARTY_NOTICES.md). Do not edit: regenerate
// (pnpm --filter @petrel/commands generate:methods). ${what}
`;

function interfaceBlock({ name, typeParams, base, doc, methods, member }) {
  const lines = [...docComment(doc, ""), `export interface ${name}${typeParams}${base} {`];
  for (const method of methods) lines.push(...member(method), "");
  if (methods.length > 0) lines.pop();
  lines.push("}");
  return lines;
}

/** Record properties that `derived` defines differently from `base` (or only `derived` has). */
function ownNames(checker, derived, base) {
  return [...derived.keys()].filter((name) => {
    const inherited = base.get(name);
    return (
      !inherited ||
      checker.getTypeOfSymbol(inherited) !== checker.getTypeOfSymbol(derived.get(name))
    );
  });
}

/** Renders both files as `{ path, text }`. */
export function renderMethodDeclarations() {
  const context = createChecker();
  const { checker } = context;
  const docs = commandDocs();
  const recordsFile = join(commandsDir, "src/command-records.ts");
  const batchFile = join(batchDir, "src/records.ts");
  const base = recordProperties(context, recordsFile, "baseCommands");
  const standalone = recordProperties(context, recordsFile, "standaloneCommands");
  const cluster = recordProperties(context, recordsFile, "clusterCommands");
  // GLIDE's BaseClient also has SELECT and RESET, which both clients define alike.
  const baseClient = new Map(base);
  for (const name of ["select", "reset"]) baseClient.set(name, standalone.get(name));
  // The clients define customCommand themselves; the batches take it from the records.
  const handWritten = new Set(["customCommand"]);
  const sorted = (names) => [...names].filter((n) => !handWritten.has(n)).sort();
  const sortedAll = (names) => [...names].sort();
  const describe = (record, name) => describeFactory(context, name, record.get(name));

  const clientMember = (record) => (factory) => [
    ...docComment(methodDoc(factory, docs, "client")),
    `  ${factory.name}(...args: Parameters<${record}["${factory.name}"]>): Promise<ResultOf<ReturnType<${record}["${factory.name}"]>>>;`,
  ];
  const clientText = [
    HEADER("The clients' method declarations."),
    'import type { ResultOf } from "../command.js";',
    'import type { baseCommands, clusterCommands, standaloneCommands } from "../command-records.js";',
    "",
    "type Base = typeof baseCommands;",
    "type Standalone = typeof standaloneCommands;",
    "type Cluster = typeof clusterCommands;",
    "",
    ...interfaceBlock({
      name: "BaseClientCommandMethods",
      typeParams: "",
      base: "",
      doc: ["The command methods of every client (GLIDE's `BaseClient`)."],
      methods: sorted(baseClient.keys()).map((name) => describe(baseClient, name)),
      member: (factory) => clientMember(base.has(factory.name) ? "Base" : "Standalone")(factory),
    }),
    "",
    ...interfaceBlock({
      name: "GlideClientCommandMethods",
      typeParams: "",
      base: " extends BaseClientCommandMethods",
      doc: ["The command methods of `GlideClient` (standalone)."],
      methods: sorted(ownNames(checker, standalone, baseClient)).map((name) =>
        describe(standalone, name),
      ),
      member: clientMember("Standalone"),
    }),
    "",
    ...interfaceBlock({
      name: "GlideClusterClientCommandMethods",
      typeParams: "",
      base: " extends BaseClientCommandMethods",
      doc: ["The command methods of `GlideClusterClient`."],
      methods: sorted(ownNames(checker, cluster, baseClient)).map((name) =>
        describe(cluster, name),
      ),
      member: clientMember("Cluster"),
    }),
    "",
  ].join("\n");

  const baseBatch = recordProperties(context, batchFile, "baseBatchCommands");
  const batch = recordProperties(context, batchFile, "batchCommands");
  const clusterBatch = recordProperties(context, batchFile, "clusterBatchCommands");
  const batchMember = (record) => (factory) => [
    ...docComment(methodDoc(factory, docs, "batch")),
    `  ${factory.name}(...args: Parameters<${record}["${factory.name}"]>): T;`,
  ];
  const batchText = [
    HEADER("The batches' method declarations."),
    'import type { BaseBatchCommands, BatchCommands, ClusterBatchCommands } from "../records.js";',
    "",
    ...interfaceBlock({
      name: "BaseBatchCommandMethods",
      typeParams: "<T>",
      base: "",
      doc: ["The command methods of every batch (GLIDE's `BaseBatch`); each returns the batch."],
      methods: sortedAll(baseBatch.keys()).map((name) => describe(baseBatch, name)),
      member: batchMember("BaseBatchCommands"),
    }),
    "",
    ...interfaceBlock({
      name: "BatchCommandMethods",
      typeParams: "<T>",
      base: " extends BaseBatchCommandMethods<T>",
      doc: ["The command methods of `Batch` (standalone)."],
      methods: sortedAll(ownNames(checker, batch, baseBatch)).map((name) => describe(batch, name)),
      member: batchMember("BatchCommands"),
    }),
    "",
    ...interfaceBlock({
      name: "ClusterBatchCommandMethods",
      typeParams: "<T>",
      base: " extends BaseBatchCommandMethods<T>",
      doc: ["The command methods of `ClusterBatch`."],
      methods: sortedAll(ownNames(checker, clusterBatch, baseBatch)).map((name) =>
        describe(clusterBatch, name),
      ),
      member: batchMember("ClusterBatchCommands"),
    }),
    "",
  ].join("\n");

  return [
    { path: outputs.client, text: clientText },
    { path: outputs.batch, text: batchText },
  ];
}

function main() {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const { path, text } of renderMethodDeclarations()) {
    let current = "";
    try {
      current = readFileSync(path, "utf8");
    } catch {}
    if (current === text) continue;
    stale++;
    if (check) process.stderr.write(`stale: ${path}\n`);
    else writeFileSync(path, text);
  }
  if (check && stale > 0) process.exitCode = 1;
  else process.stdout.write(check ? "up to date\n" : `wrote ${stale} file(s)\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
