// Pub/Sub in RESP2 subscriber mode and with RESP3 pushes, compared with a real redis-server.

import { differentialSuite, valkey8 } from "../support/differential.js";

differentialSuite("pub/sub", (t) => {
  t.exact(["SUBSCRIBE", "a", "b"], { replies: 2 });
  t.exact(["PSUBSCRIBE", "a*"]);
  t.exact(["SSUBSCRIBE", "s"]);
  t.exact(["PING"]);
  t.exact(["PING", "x"]);
  t.on("pub").exact(["PUBLISH", "a", "hello"]);
  t.receive();
  t.receive();
  t.on("pub").exact(["PUBLISH", "nobody", "x"]);
  t.on("pub").exact(["SPUBLISH", "s", "shard-msg"]);
  t.receive();
  t.on("pub").sorted(["PUBSUB", "CHANNELS"]);
  t.on("pub").exact(["PUBSUB", "CHANNELS", "b*"]);
  t.on("pub").exact(["PUBSUB", "NUMSUB", "a", "zz"]);
  t.on("pub").exact(["PUBSUB", "NUMPAT"]);
  t.on("pub").exact(["PUBSUB", "SHARDCHANNELS"]);
  t.on("pub").exact(["PUBSUB", "SHARDNUMSUB", "s"]);
  t.exact(["UNSUBSCRIBE", "a"]);
  t.exact(["PUNSUBSCRIBE"]);
  t.exact(["SUNSUBSCRIBE"]);
  t.exact(["UNSUBSCRIBE"]);
  t.exact(["UNSUBSCRIBE"]);
  t.exact(["PUNSUBSCRIBE"]);
  t.exact(["GET", "k"]);
  t.exact(["RESET"]);
});

differentialSuite(
  "RESP2 subscriber mode",
  (t) => {
    t.exact(["SUBSCRIBE", "a"]);
    t.error(["GET", "k"]);
    t.error(["SET", "k", "v"]);
    t.exact(["PING"]);
    t.exact(["RESET"]);
    t.exact(["GET", "k"]);
  },
  { resp: [2] },
);

differentialSuite(
  "RESP3: a message published inside EXEC follows EXEC's reply",
  (t) => {
    t.exact(["SUBSCRIBE", "foo"]);
    t.exact(["MULTI"]);
    t.exact(["PING", "abc"]);
    t.exact(["PUBLISH", "foo", "bar"]);
    t.exact(["PING", "def"]);
    // Redis 7.0 wrote the message into the middle of EXEC's array.
    t.exact(["EXEC"], valkey8(["$abc", ":1", "$def"]));
    t.receive(valkey8({ push: ["$message", "$foo", "$bar"] }));
    t.exact(["PING", "after"]);
  },
  { resp: [3] },
);
