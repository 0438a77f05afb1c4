// ACL compared with redis-server 7.0: SETUSER/GETUSER/LIST round trips, the
// rule errors, NOPERM on commands, keys and channels, LOG entries, DRYRUN,
// CAT, MULTI/EXEC and scripts. The fake answers as Valkey 8.1 where Redis 7.2
// changed the texts (NOPERM wording, command rules kept in the order given,
// `sanitize-payload` shown); those steps compare with Valkey's reply.

import { createHash } from "node:crypto";
import { differentialSuite, type Script, type StepOptions } from "../support/differential.js";
import type { WireFrame } from "../support/wire-reader.js";

/** Behaviour from Redis 7.2 on (Valkey's), where the 7.0 reference differs. */
function v72(expect: WireFrame): StepOptions {
  return { since: { version: "7.2.0", expect } };
}

/** Valkey shows `sanitize-payload` among the flags; Redis 7.0 only after `reset`. */
function withoutSanitize(frame: WireFrame): WireFrame {
  if (typeof frame === "string") return frame.replace(/ sanitize-payload\b/g, "");
  if (Array.isArray(frame))
    return frame.filter((f) => f !== "$sanitize-payload").map(withoutSanitize);
  if (frame !== null && typeof frame === "object") {
    if ("set" in frame) return { set: frame.set.filter((f) => f !== "$sanitize-payload") };
    if ("map" in frame)
      return { map: frame.map.map(([k, v]) => [k, withoutSanitize(v)] as [WireFrame, WireFrame]) };
  }
  return frame;
}
const noSanitize: StepOptions = { normalize: withoutSanitize };

const LOG_FIELDS = new Set(["$count", "$reason", "$context", "$object", "$username"]);

/** ACL LOG entries reduced to the fields both versions have that do not read a clock. */
function logEntries(frame: WireFrame): WireFrame {
  if (!Array.isArray(frame)) return frame;
  return frame.map((entry) => {
    const pairs: [WireFrame, WireFrame][] = Array.isArray(entry)
      ? Array.from(
          { length: entry.length / 2 },
          (_, i) => [entry[2 * i], entry[2 * i + 1]] as [WireFrame, WireFrame],
        )
      : entry !== null && typeof entry === "object" && "map" in entry
        ? entry.map
        : [];
    return pairs.filter(([key]) => typeof key === "string" && LOG_FIELDS.has(key)).flat();
  });
}
const logOptions: StepOptions = { normalize: logEntries };

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
const GET_FOO = "return redis.call('get','foo')";
const SET_K = "return redis.call('set','k1','v')";
const PCALL_FOO = "return redis.pcall('get','foo')";
const PUBLISH_ZZ = "return redis.call('publish','zz','m')";

/** Keys k* read and write, r* read, w* write; channels c*; every command but SET. */
const LIMITED = ["~k*", "%R~r*", "%W~w*", "&c*", "+@all", "-set"];

const HASH_P1 = createHash("sha256").update("p1").digest("hex");

differentialSuite("acl", (t) => {
  t.run(["ACL", "DELUSER", "alice", "bob", "carol", "dave", "erin", "sel", "t"]);
  t.exact(["ACL", "LOG", "RESET"]);
  t.exact(["ACL", "WHOAMI"]);
  t.exact(["ACL", "USERS"]);
  t.exact(["ACL", "LIST"], v72(["$user default on nopass sanitize-payload ~* &* +@all"]));
  t.exact(["ACL", "LIST"], noSanitize);
  t.exact(["ACL", "GETUSER", "default"], noSanitize);
  t.exact(["ACL", "GETUSER", "nobody"]);
  t.exact(["ACL", "CAT"]);
  for (const category of ["transaction", "geo", "bitmap", "list", "hash", "set"])
    t.sorted(["ACL", "CAT", category]);
  t.error(["ACL", "CAT", "nosuch"]);
  t.error(["ACL", "CAT", "a", "b"]);
  t.exact(["ACL", "HELP"]);
  t.error(["ACL", "NOSUCH"]);
  t.error(["ACL"]);
  t.error(["ACL", "GETUSER"]);
  t.error(["ACL", "WHOAMI", "x"]);
  t.error(["ACL", "SAVE"]);
  t.error(["ACL", "LOAD"]);
  t.check(["ACL", "GENPASS"], (fake, real) => {
    for (const frame of [fake, real])
      if (!/^\$[0-9a-f]{64}$/.test(String(frame))) throw new Error(`not a password: ${frame}`);
  });
  t.check(["ACL", "GENPASS", "5"], (fake, real) => {
    for (const frame of [fake, real])
      if (!/^\$[0-9a-f]{2}$/.test(String(frame))) throw new Error(`not 5 bits: ${frame}`);
  });
  t.error(["ACL", "GENPASS", "0"]);
  t.error(["ACL", "GENPASS", "4097"]);
  t.error(["ACL", "GENPASS", "x"]);
  t.error(["ACL", "GENPASS", "1", "2"]);

  // Users and their descriptions.
  t.exact(["ACL", "SETUSER", "alice"]);
  t.exact(["ACL", "GETUSER", "alice"], noSanitize);
  t.exact(["ACL", "LIST"], noSanitize);
  t.exact(["ACL", "SETUSER", "alice", "on", ">p1", "~k*", "%R~r*", "%W~w*", "&ch*", "+get"]);
  t.exact(["ACL", "GETUSER", "alice"], noSanitize);
  t.exact(["ACL", "SETUSER", "alice", "+@hash", "-hset"]);
  commandsAre(t, "alice", "-@all +get +@hash -hset");
  t.exact(["ACL", "LIST"], {
    ...v72([
      "$user alice on sanitize-payload #" +
        HASH_P1 +
        " ~k* %R~r* %W~w* resetchannels &ch* -@all +get +@hash -hset",
      "$user default on nopass sanitize-payload ~* &* +@all",
    ]),
  });
  t.exact(["ACL", "SETUSER", "alice", "resetchannels", "&x", "+config|get"]);
  t.exact(["ACL", "USERS"]);
  t.exact(["ACL", "SETUSER", "alice", "%RW~both", "%R~k*"]);
  t.exact(["ACL", "GETUSER", "alice"], {
    ...noSanitize,
    normalize: (frame) => withoutSanitize(dropCommands(frame)),
  });
  t.exact([
    "ACL",
    "SETUSER",
    "bob",
    "on",
    "nopass",
    "allkeys",
    "allchannels",
    "allcommands",
    "-flushall",
  ]);
  t.exact(["ACL", "GETUSER", "bob"], noSanitize);
  t.exact(["ACL", "SETUSER", "bob", "-@dangerous", "+@all"]);
  t.exact(["ACL", "GETUSER", "bob"], noSanitize);
  t.exact(["ACL", "SETUSER", "bob", "nocommands", "+@read"]);
  t.exact(["ACL", "GETUSER", "bob"], noSanitize);
  t.exact(["ACL", "SETUSER", "bob", "+@all", "-@hash", "+hget"]);
  t.exact(["ACL", "GETUSER", "bob"], noSanitize);
  t.exact(["ACL", "SETUSER", "bob", "-@all", "+select|0", "+select|1"]);
  t.exact(["ACL", "GETUSER", "bob"], noSanitize);
  t.exact(["ACL", "SETUSER", "bob", "-@all", "+config|get", "+config"]);
  t.exact(["ACL", "GETUSER", "bob"], noSanitize);
  t.exact(["ACL", "SETUSER", "bob", "-@all", "+config", "-config"]);
  commandsAre(t, "bob", "-@all -config");
  t.exact(["ACL", "SETUSER", "bob", "+@all", "-get", "+get"]);
  commandsAre(t, "bob", "+@all +get");
  t.exact(["ACL", "SETUSER", "bob", "reset"]);
  t.exact(["ACL", "GETUSER", "bob"]);
  t.exact(["ACL", "SETUSER", "bob", `#${HASH_P1}`, "on"]);
  t.exact(["ACL", "GETUSER", "bob"]);
  t.exact(["ACL", "SETUSER", "bob", "<p1"]);
  t.exact(["ACL", "SETUSER", "bob", ">a", ">b", ">a"]);
  t.exact(["ACL", "GETUSER", "bob"]);
  t.exact(["ACL", "SETUSER", "bob", `!${createHash("sha256").update("a").digest("hex")}`]);
  t.exact(["ACL", "GETUSER", "bob"]);
  t.exact(["ACL", "SETUSER", "bob", "nopass"]);
  t.exact(["ACL", "GETUSER", "bob"]);
  t.exact(["ACL", "SETUSER", "bob", "resetpass", "off"]);
  t.exact(["ACL", "GETUSER", "bob"]);
  t.exact(["ACL", "SETUSER", "bob", "skip-sanitize-payload"]);
  t.exact(["ACL", "GETUSER", "bob"]);
  t.exact(["ACL", "SETUSER", "bob", "sanitize-payload", "~a", "~a", "&c", "&c"]);
  t.exact(["ACL", "GETUSER", "bob"]);
  t.exact(["ACL", "SETUSER", "bob", "resetkeys", "~", "&"]);
  t.exact(["ACL", "GETUSER", "bob"]);
  t.exact(["ACL", "SETUSER", "BOB"], noSanitize);
  t.exact(["ACL", "USERS"]);
  t.exact(["ACL", "DELUSER", "BOB"]);

  // Selectors.
  t.exact(["ACL", "SETUSER", "sel", "on", "nopass", "(~x +get)", "(%R~y +set)"]);
  t.exact(["ACL", "GETUSER", "sel"], noSanitize);
  // One command per selector: redis-server 7.0 prints a selector's commands in its
  // command-id order, which changes from one server start to the next.
  t.exact(["ACL", "SETUSER", "sel", "(~z", "+hget)"]);
  t.exact(["ACL", "GETUSER", "sel"], noSanitize);
  t.exact(["ACL", "LIST"], {
    ...v72([
      `$user alice on sanitize-payload #${HASH_P1} ~k* %R~r* %W~w* ~both resetchannels &x -@all +get +@hash -hset +config|get`,
      "$user bob off sanitize-payload ~ resetchannels &c & -@all",
      "$user default on nopass sanitize-payload ~* &* +@all",
      "$user sel on nopass sanitize-payload resetchannels -@all (~x resetchannels -@all +get) (%R~y resetchannels -@all +set) (~z resetchannels -@all +hget)",
    ]),
  });
  t.exact(["ACL", "SETUSER", "sel", "clearselectors"]);
  t.exact(["ACL", "GETUSER", "sel"], noSanitize);

  // Rule errors: nothing of a refused SETUSER applies.
  for (const rule of [
    "bogus",
    "+nosuch",
    "+@nosuch",
    "-@nosuch",
    "+config|nosuch",
    "-select|0",
    "-nosuch",
    "#abc",
    "!abc",
    `#${"A".repeat(64)}`,
    "<notthere",
    "%X~k",
    "%~k",
    "%RR~k",
    "(~x +get",
    "(~x +nosuch)",
    "+debug|",
    "+config|get|x",
  ])
    t.error(["ACL", "SETUSER", "carol", "on", rule]);
  t.exact(["ACL", "GETUSER", "carol"]);
  t.error(["ACL", "SETUSER", "carol", "allkeys", "~x"]);
  t.error(["ACL", "SETUSER", "carol", "allchannels", "&x"]);
  t.error(["ACL", "SETUSER", "carol", "~*", "%R~x"]);
  t.error(["ACL", "SETUSER", "a b"]);
  t.error(["ACL", "SETUSER"]);
  t.exact(["ACL", "DELUSER", "nobody"]);
  t.error(["ACL", "DELUSER", "default"]);
  t.error(["ACL", "DELUSER", "alice", "default"]);
  t.exact(["ACL", "USERS"]);

  // DRYRUN.
  t.exact(["ACL", "SETUSER", "dave", "on", "nopass", ...LIMITED]);
  /** ACL DRYRUN's answer for a command dave may not run (7.0 words it otherwise). */
  const daveDenied = (command: string[], what: string) =>
    t.exact(["ACL", "DRYRUN", "dave", ...command], v72(`$User dave has no permissions to ${what}`));
  t.exact(["ACL", "DRYRUN", "dave", "get", "k1"]);
  daveDenied(["get", "foo"], "access the 'foo' key");
  daveDenied(["set", "k1", "v"], "run the 'set' command");
  t.exact(["ACL", "DRYRUN", "dave", "get", "r1"]);
  daveDenied(["get", "w1"], "access the 'w1' key");
  t.exact(["ACL", "DRYRUN", "dave", "append", "w1", "x"]);
  t.exact(["ACL", "DRYRUN", "dave", "del", "w1"]);
  t.exact(["ACL", "DRYRUN", "dave", "bitfield", "r1", "get", "u8", "0"]);
  daveDenied(["bitfield", "r1", "set", "u8", "0", "1"], "access the 'r1' key");
  daveDenied(["bitfield", "w1", "get", "u8", "0"], "access the 'w1' key");
  t.exact(["ACL", "DRYRUN", "dave", "bitfield", "k1", "incrby", "u8", "0", "1"]);
  t.exact(["ACL", "DRYRUN", "dave", "getdel", "k1"]);
  daveDenied(["getdel", "r1"], "access the 'r1' key");
  t.exact(["ACL", "DRYRUN", "dave", "copy", "r1", "w1"]);
  daveDenied(["copy", "w1", "r1"], "access the 'w1' key");
  daveDenied(["mset", "k1", "v", "zz", "v"], "access the 'zz' key");
  daveDenied(["lmove", "k1", "zz", "left", "right"], "access the 'zz' key");
  daveDenied(["zunionstore", "k1", "2", "k2", "zz"], "access the 'zz' key");
  daveDenied(["eval", "", "1", "zz"], "access the 'zz' key");
  t.exact(["ACL", "DRYRUN", "dave", "eval", "", "1", "k1"]);
  daveDenied(["xread", "streams", "k1", "zz", "0", "0"], "access the 'zz' key");
  daveDenied(["sort", "k1", "store", "zz"], "access the 'zz' key");
  t.exact(["ACL", "DRYRUN", "dave", "publish", "c1", "m"]);
  daveDenied(["publish", "d1", "m"], "access the 'd1' channel");
  daveDenied(["subscribe", "c1", "d1"], "access the 'd1' channel");
  t.exact(["ACL", "DRYRUN", "dave", "psubscribe", "c*"]);
  daveDenied(["psubscribe", "c?"], "access the 'c?' channel");
  daveDenied(["spublish", "d1", "m"], "access the 'd1' channel");
  t.exact(["ACL", "DRYRUN", "dave", "unsubscribe", "d1"]);
  t.exact(["ACL", "DRYRUN", "dave", "config", "get", "x"]);
  t.error(["ACL", "DRYRUN", "nobody", "get", "x"]);
  t.error(["ACL", "DRYRUN", "dave", "nocmd"]);
  t.error(["ACL", "DRYRUN", "dave", "get"]);
  t.error(["ACL", "DRYRUN", "dave", "config"]);
  t.error(["ACL", "DRYRUN", "dave", "config", "nosuch"]);
  t.error(["ACL", "DRYRUN", "dave"]);
  t.exact(["ACL", "SETUSER", "dave", "-@all", "+select|0"]);
  t.exact(["ACL", "DRYRUN", "dave", "select", "0"]);
  daveDenied(["select", "1"], "run the 'select' command");
  t.exact(["ACL", "SETUSER", "dave", "-@all", "+client|id"]);
  t.exact(["ACL", "DRYRUN", "dave", "client", "id"]);
  daveDenied(["client", "info"], "run the 'client|info' command");

  // NOPERM on a connection of a restricted user.
  t.exact(["ACL", "SETUSER", "erin", "on", ">pw", ...LIMITED, "-acl|whoami"]);
  const erin = t.on("erin");
  erin.exact(["AUTH", "erin", "pw"]);
  erin.exact(["GET", "k1"]);
  erin.exact(["GET", "foo"], v72("-NOPERM No permissions to access a key"));
  erin.exact(
    ["SET", "k1", "v"],
    v72("-NOPERM User erin has no permissions to run the 'set' command"),
  );
  erin.exact(["GET", "r1"]);
  erin.exact(["GET", "w1"], v72("-NOPERM No permissions to access a key"));
  erin.exact(["LPUSH", "w1", "x"]);
  t.exact(["ACL", "SETUSER", "erin", "+set"]);
  erin.exact(["SET", "w1", "x"]);
  erin.exact(["SET", "w1", "x", "GET"], v72("-NOPERM No permissions to access a key"));
  erin.exact(["SET", "k1", "x", "GET"]);
  t.exact(["ACL", "SETUSER", "erin", "-set"]);
  erin.exact(["LPUSH", "r1", "x"], v72("-NOPERM No permissions to access a key"));
  erin.exact(["PUBLISH", "c1", "m"]);
  erin.exact(["PUBLISH", "zz", "m"], v72("-NOPERM No permissions to access a channel"));
  erin.exact(
    ["ACL", "WHOAMI"],
    v72("-NOPERM User erin has no permissions to run the 'acl|whoami' command"),
  );
  erin.exact(["CLIENT", "ID"], { normalize: () => ":0" });
  erin.error(["NOSUCH"]);
  erin.error(["GET"]);
  erin.exact(
    ["EVAL", GET_FOO, "0"],
    v72(
      `-ERR ACL failure in script: No permissions to access a key script: ${sha1(GET_FOO)}, on @user_script:1.`,
    ),
  );
  erin.exact(
    ["EVAL", SET_K, "0"],
    v72(
      `-ERR ACL failure in script: User erin has no permissions to run the 'set' command script: ${sha1(SET_K)}, on @user_script:1.`,
    ),
  );
  erin.exact(
    ["EVAL", PCALL_FOO, "0"],
    v72("-ERR ACL failure in script: No permissions to access a key"),
  );
  erin.exact(
    ["EVAL", PUBLISH_ZZ, "0"],
    v72(
      `-ERR ACL failure in script: No permissions to access a channel script: ${sha1(PUBLISH_ZZ)}, on @user_script:1.`,
    ),
  );
  erin.exact(["EVAL", "return redis.call('get','k1')", "0"]);
  erin.exact(["EVAL", "return redis.acl_check_cmd('set','k1','v')", "0"]);
  erin.exact(["EVAL", "return redis.acl_check_cmd('get','k1')", "0"]);
  erin.exact(["EVAL", "return redis.acl_check_cmd('get','foo')", "0"]);
  erin.exact(["MULTI"]);
  erin.exact(["GET", "k1"]);
  erin.exact(["GET", "foo"], v72("-NOPERM No permissions to access a key"));
  erin.exact(["EXEC"]);
  erin.exact(["MULTI"]);
  erin.exact(["GET", "k1"]);
  erin.exact(["INCR", "k2"]);
  t.exact(["ACL", "SETUSER", "erin", "-get"]);
  erin.exact(["EXEC"]);
  erin.exact(
    ["SET", "k1", "x"],
    v72("-NOPERM User erin has no permissions to run the 'set' command"),
  );
  t.exact(["ACL", "SETUSER", "erin", "-exec"]);
  erin.exact(
    ["EXEC"],
    v72(
      "-EXECABORT Transaction discarded because of: NOPERM User erin has no permissions to run the 'exec' command",
    ),
  );
  erin.exact(["MULTI"]);
  erin.exact(
    ["EXEC"],
    v72(
      "-EXECABORT Transaction discarded because of: NOPERM User erin has no permissions to run the 'exec' command",
    ),
  );
  erin.error(["DISCARD"]);
  erin.exact(["AUTH", "erin", "wrong"]);
  erin.exact(["AUTH", "nobody", "pw"]);
  erin.exact(["HELLO", "2", "AUTH", "erin", "nope"]);
  t.exact(["ACL", "LOG", "1"], logOptions);
  t.exact(["ACL", "LOG"], logOptions);
  t.exact(["ACL", "LOG", "0"], logOptions);
  t.exact(["ACL", "LOG", "-5"], logOptions);
  t.error(["ACL", "LOG", "x"]);
  t.error(["ACL", "LOG", "1", "2"]);
  t.exact(["ACL", "LOG", "RESET"]);
  t.exact(["ACL", "LOG"]);
  erin.exact(["STRLEN", "foo"], v72("-NOPERM No permissions to access a key"));
  erin.exact(["STRLEN", "foo"], v72("-NOPERM No permissions to access a key"));
  erin.exact(["STRLEN", "other"], v72("-NOPERM No permissions to access a key"));
  t.exact(["ACL", "LOG"], logOptions);
  t.exact(["ACL", "LOG", "RESET"]);

  // AUTH with users, and the default user.
  const frank = t.on("frank");
  frank.exact(["ACL", "WHOAMI"]);
  frank.exact(["AUTH", "alice", "p1"]);
  frank.exact(
    ["ACL", "WHOAMI"],
    v72("-NOPERM User alice has no permissions to run the 'acl|whoami' command"),
  );
  frank.exact(["AUTH", "alice", "p2"]);
  frank.exact(["AUTH", "default", "x"]);
  frank.error(["AUTH", "onlypass"]);
  frank.error(["AUTH", "a", "b", "c"]);
  t.exact(["ACL", "SETUSER", "alice", "off"]);
  frank.exact(["AUTH", "alice", "p1"]);
  frank.exact(["HGET", "k1", "f"]);
  frank.exact(["HELLO", "3", "AUTH", "alice", "p1"]);
  t.exact(["ACL", "LOG"], logOptions);
  t.exact(["ACL", "DELUSER", "alice", "carol", "nobody"]);
  t.exact(["ACL", "USERS"]);
  t.exact(["ACL", "LOG", "RESET"]);
  // requirepass is the default user's password; the default user's rules apply to everyone on it.
  t.exact(["CONFIG", "SET", "requirepass", "sekret"]);
  t.exact(["ACL", "GETUSER", "default"], noSanitize);
  const gus = t.on("gus");
  gus.error(["GET", "x"]);
  gus.error(["ACL", "WHOAMI"]);
  gus.exact(["AUTH", "wrong"]);
  gus.exact(["AUTH", "sekret"]);
  gus.exact(["ACL", "WHOAMI"]);
  t.error(["ACL", "SETUSER", "default", "-flushall", "%R~*"]);
  t.exact(["ACL", "SETUSER", "default", "-flushall"]);
  gus.exact(
    ["FLUSHALL"],
    v72("-NOPERM User default has no permissions to run the 'flushall' command"),
  );
  t.exact(["ACL", "SETUSER", "default", "+@all", "nopass", "~*"]);
  t.exact(["ACL", "GETUSER", "default"], noSanitize);
  t.exact(["CONFIG", "GET", "requirepass"]);
  t.exact(["CONFIG", "SET", "requirepass", ""]);
  t.exact(["ACL", "GETUSER", "default"], noSanitize);
  t.exact(["ACL", "LOG"], logOptions);
  t.exact(["ACL", "LOG", "RESET"]);
  t.exact(["CLIENT", "KILL", "USER", "erin"]);
  t.error(["CLIENT", "KILL", "USER", "nobody"]);
  t.exact(["ACL", "DELUSER", "bob", "dave", "erin", "sel"]);
  t.exact(["ACL", "USERS"]);
});

/**
 * GETUSER where 7.0 prints the command rules in its own order (it rebuilt
 * them from the command bitmap; Redis 7.2 and Valkey keep them as given):
 * the fake's rules are compared with Valkey's, the rest with the real reply.
 */
function commandsAre(t: Script, user: string, commands: string): void {
  t.check(["ACL", "GETUSER", user], (fake, real) => {
    const shown = commandsOf(fake);
    if (shown !== `$${commands}`) throw new Error(`commands ${shown} != Valkey's ${commands}`);
    const [a, b] = [fake, real].map((frame) =>
      JSON.stringify(withoutSanitize(dropCommands(frame))),
    );
    if (a !== b) throw new Error(`fake ${a} != real ${b}`);
  });
}

function commandsOf(frame: WireFrame): WireFrame | undefined {
  if (Array.isArray(frame)) return frame[frame.indexOf("$commands") + 1];
  if (frame !== null && typeof frame === "object" && "map" in frame)
    return frame.map.find(([key]) => key === "$commands")?.[1];
  return undefined;
}

/** GETUSER with its `commands` values dropped (7.0 rewrites rules it was given in its own order). */
function dropCommands(frame: WireFrame): WireFrame {
  if (Array.isArray(frame)) {
    const at = frame.indexOf("$commands");
    return at === -1 ? frame : frame.filter((_, i) => i !== at + 1);
  }
  if (frame !== null && typeof frame === "object" && "map" in frame)
    return { map: frame.map.filter(([key]) => key !== "$commands") };
  return frame;
}
