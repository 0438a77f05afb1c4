// Real processes, built from source into a temp dir: the CLI prints JSON and
// stops its servers on SIGINT; a later sweep cleans up after a SIGKILL; a
// process using the module kills its servers on SIGTERM and on process.exit.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepLeftovers, type TopologyDescription } from "../src/index.js";
import { isAlive } from "../src/process/leftover-sweep.js";
import { waitUntil } from "../src/util/wait-until.js";
import { expectProcessGone } from "./process-assertions.js";

const packageDirectory = fileURLToPath(new URL("..", import.meta.url));
let buildDirectory: string;

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/** Starts the CLI and resolves with the topology it printed. */
async function startCli(
  args: string[],
): Promise<{ cli: ChildProcess; topology: TopologyDescription; stderr: () => string }> {
  const cli = spawn(process.execPath, [path.join(buildDirectory, "cli", "main.js"), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  cli.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  cli.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  // stdout and stderr are separate pipes: wait for both, the JSON complete.
  await waitUntil(async () => stderr.includes("press Ctrl-C") && stdout.trimEnd().endsWith("}"), {
    description: "CLI start",
    deadlineMs: 20_000,
    abortReason: () => (cli.exitCode !== null ? `CLI exited: ${stderr}` : undefined),
  });
  return { cli, topology: JSON.parse(stdout) as TopologyDescription, stderr: () => stderr };
}

describe("process lifecycle", () => {
  beforeAll(async () => {
    buildDirectory = await mkdtemp(path.join(os.tmpdir(), "petrel-cli-build-"));
    await promisify(execFile)(
      process.execPath,
      [
        path.join(packageDirectory, "../../node_modules/typescript/bin/tsc"),
        "-p",
        path.join(packageDirectory, "tsconfig.build.json"),
        "--outDir",
        buildDirectory,
        "--declaration",
        "false",
        "--declarationMap",
        "false",
        "--sourceMap",
        "false",
      ],
      { cwd: packageDirectory },
    );
  });

  afterAll(async () => {
    if (buildDirectory) await rm(buildDirectory, { recursive: true, force: true });
  });

  it("prints the topology as JSON and stops every server on Ctrl-C", async () => {
    const { cli, topology, stderr } = await startCli([
      "standalone",
      "--replica",
      "--password",
      "pw",
    ]);
    expect(topology.kind).toBe("standalone");
    expect(topology.nodes).toHaveLength(2);
    expect(topology.password).toBe("pw");
    for (const node of topology.nodes) expect(isAlive(node.pid)).toBe(true);
    cli.kill("SIGINT");
    await exitOf(cli);
    expect(cli.exitCode).toBe(0);
    expect(stderr()).toContain("stopped 2 server(s)");
    // The servers were the CLI's children: it reaped them before exiting.
    for (const node of topology.nodes) expectProcessGone(node.pid);
  });

  it("leaves servers behind when killed with SIGKILL, which the next sweep removes", async () => {
    const { cli, topology } = await startCli(["standalone"]);
    const [server] = topology.nodes;
    cli.kill("SIGKILL");
    await exitOf(cli);
    expect(isAlive(server!.pid)).toBe(true);
    const result = sweepLeftovers();
    expect(result.killedPids).toContain(server!.pid);
    expect(result.removedDirectories).toContain(topology.directory);
    // Orphans are reaped by whoever adopted them; a zombie counts as gone.
    await waitUntil(async () => !isAlive(server!.pid), {
      description: "swept server exit",
      deadlineMs: 5_000,
    });
  });

  /** Runs a script that starts a standalone server with the built module; returns its pid. */
  async function startScript(
    afterStart: string,
  ): Promise<{ script: ChildProcess; serverPid: number }> {
    const moduleUrl = pathToFileURL(path.join(buildDirectory, "index.js")).href;
    const source = `const m = await import(${JSON.stringify(moduleUrl)});
const t = await m.startStandalone();
console.log(t.pids[0]);
${afterStart}`;
    const script = spawn(process.execPath, ["--input-type=module", "-e", source], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    let closed = false;
    script.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    // "close" comes after all output was read, so the pid line cannot be missed.
    script.once("close", () => {
      closed = true;
    });
    await waitUntil(async () => stdout.includes("\n"), {
      description: "script start",
      deadlineMs: 20_000,
      abortReason: () => (closed && !stdout.includes("\n") ? "script exited" : undefined),
    });
    return { script, serverPid: Number(stdout.trim()) };
  }

  it("kills its servers when the process gets SIGTERM and keeps the signal's meaning", async () => {
    const { script, serverPid } = await startScript("setInterval(() => {}, 1000);");
    expect(isAlive(serverPid)).toBe(true);
    script.kill("SIGTERM");
    await exitOf(script);
    expect(script.signalCode).toBe("SIGTERM");
    await waitUntil(async () => !isAlive(serverPid), {
      description: "server exit",
      deadlineMs: 5_000,
    });
  });

  it("kills its servers when the process calls process.exit", async () => {
    const { script, serverPid } = await startScript("process.exit(3);");
    await exitOf(script);
    expect(script.exitCode).toBe(3);
    await waitUntil(async () => !isAlive(serverPid), {
      description: "server exit",
      deadlineMs: 5_000,
    });
  });
});
