// Command-line arguments of `petrel-fake-valkey`.

export type CliPlan =
  | {
      readonly mode: "cluster";
      readonly shards: number;
      readonly replicas: number;
      readonly port?: number;
      readonly password?: string;
      readonly seed?: number;
    }
  | {
      readonly mode: "standalone";
      readonly replicas: number;
      readonly port?: number;
      readonly password?: string;
      readonly seed?: number;
    }
  | { readonly mode: "help" };

export const USAGE = `Usage: petrel-fake-valkey [--standalone | --cluster <shards>x<replicas>] [options]

  --standalone            one server (the default), 16 databases
  --cluster 3x1           a cluster of 3 shards with 1 replica each
  --port <n>              first port (the rest follow); free ports when absent
  --replicas <n>          replicas of a standalone primary
  --password <p>          requirepass for every node
  --seed <n>              seed for node ids and random replies
  --help                  this text

Prints one address per node, then runs until SIGINT or SIGTERM.`;

function integer(flag: string, value: string | undefined, min: number): number {
  const parsed = value === undefined ? Number.NaN : Number(value);
  if (!Number.isInteger(parsed) || parsed < min)
    throw new Error(`${flag} needs an integer >= ${min}, got ${value ?? "nothing"}`);
  return parsed;
}

/** Parses argv (without the node and script paths); throws with a readable message on bad input. */
export function parseArguments(argv: readonly string[]): CliPlan {
  let mode: "cluster" | "standalone" = "standalone";
  let shards = 3;
  let replicas = 0;
  let port: number | undefined;
  let password: string | undefined;
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = argv[i + 1];
    switch (flag) {
      case "--help":
      case "-h":
        return { mode: "help" };
      case "--standalone":
        mode = "standalone";
        break;
      case "--cluster": {
        const match = /^(\d+)x(\d+)$/.exec(value ?? "");
        if (match === null)
          throw new Error(
            `--cluster needs <shards>x<replicas> such as 3x1, got ${value ?? "nothing"}`,
          );
        mode = "cluster";
        shards = integer("--cluster shards", match[1], 1);
        replicas = integer("--cluster replicas", match[2], 0);
        i++;
        break;
      }
      case "--port":
        port = integer("--port", value, 1);
        if (port > 65535) throw new Error(`--port must be at most 65535, got ${port}`);
        i++;
        break;
      case "--replicas":
        replicas = integer("--replicas", value, 0);
        i++;
        break;
      case "--password":
        if (value === undefined) throw new Error("--password needs a value");
        password = value;
        i++;
        break;
      case "--seed":
        seed = integer("--seed", value, 0);
        i++;
        break;
      default:
        throw new Error(`unknown argument ${flag}\n\n${USAGE}`);
    }
  }
  const common = {
    ...(port === undefined ? {} : { port }),
    ...(password === undefined ? {} : { password }),
    ...(seed === undefined ? {} : { seed }),
  };
  return mode === "cluster" ? { mode, shards, replicas, ...common } : { mode, replicas, ...common };
}
