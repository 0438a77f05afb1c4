// Deep copies of values, for COPY (the copy must not share mutable state).

import { inheritEncoding } from "./encoding.js";
import type { Entry } from "./types.js";

export function cloneEntry(entry: Entry): Entry {
  const copy = copyValue(entry);
  inheritEncoding(entry, copy);
  return copy;
}

function copyValue(entry: Entry): Entry {
  const expiry = entry.expiresAt === undefined ? {} : { expiresAt: entry.expiresAt };
  switch (entry.type) {
    case "string":
      return { type: "string", value: Buffer.from(entry.value), ...expiry };
    case "list":
      return { type: "list", value: entry.value.map((item) => Buffer.from(item)), ...expiry };
    case "hash":
      return {
        type: "hash",
        value: new Map([...entry.value].map(([f, v]) => [f, Buffer.from(v)])),
        ...expiry,
      };
    case "set":
      return { type: "set", value: new Set(entry.value), ...expiry };
    case "zset":
      return { type: "zset", value: entry.value.clone(), ...expiry };
    case "stream":
      return { type: "stream", value: entry.value.clone(), ...expiry };
  }
}
