// COMMAND DOCS entries for commands newer than the server the table was generated
// from (scripts/command-docs.generated.json), written for this project: what the
// command does, the Valkey version that introduced it and its time complexity.
const hashFieldTtl = (summary) => ({
  group: "hash",
  since: "9.0.0",
  summary,
  complexity: "O(N) where N is the number of fields given.",
});

export const newerCommandDocs = {
  HSETEX: hashFieldTtl(
    "Sets hash fields with an optional time to live, under an optional condition",
  ),
  HGETEX: hashFieldTtl("Returns hash fields' values and sets or removes their time to live"),
  HEXPIRE: hashFieldTtl("Sets a time to live, in seconds, on hash fields"),
  HPEXPIRE: hashFieldTtl("Sets a time to live, in milliseconds, on hash fields"),
  HEXPIREAT: hashFieldTtl("Sets the expiry of hash fields as a Unix time in seconds"),
  HPEXPIREAT: hashFieldTtl("Sets the expiry of hash fields as a Unix time in milliseconds"),
  HPERSIST: hashFieldTtl("Removes the time to live of hash fields"),
  HTTL: hashFieldTtl("Returns the remaining time to live of hash fields, in seconds"),
  HPTTL: hashFieldTtl("Returns the remaining time to live of hash fields, in milliseconds"),
  HEXPIRETIME: hashFieldTtl("Returns the expiry of hash fields as a Unix time in seconds"),
  HPEXPIRETIME: hashFieldTtl("Returns the expiry of hash fields as a Unix time in milliseconds"),
  "SCRIPT SHOW": {
    group: "scripting",
    since: "8.0.0",
    summary: "Returns the source code of a cached script, by its SHA1 digest",
    complexity: "O(1).",
  },
};
