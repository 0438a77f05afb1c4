// The `notify-keyspace-events` classes: the letters CONFIG SET accepts, and
// the canonical spelling CONFIG GET prints back (Valkey's own order, with `A`
// standing for every type and event class together).

/** Every class letter, as Valkey lists them in its error message. */
const LETTERS = "Ag$lshzxeKEtmdn";

/** What `A` means: the generic, type and expired/evicted/stream/module classes. */
const ALL = "g$lshzxetd";

/** Classes printed after `A` or its members, in Valkey's order. */
const TYPE_ORDER = "g$lshzxetdn";
const TAIL_ORDER = "KEm";

/** The set of class letters in a value, or undefined when a letter is unknown. */
export function parseKeyspaceEvents(value: string): Set<string> | undefined {
  const classes = new Set<string>();
  for (const letter of value) {
    if (!LETTERS.includes(letter)) return undefined;
    if (letter === "A") for (const member of ALL) classes.add(member);
    else classes.add(letter);
  }
  return classes;
}

/** The spelling CONFIG GET prints for a set of classes. */
export function formatKeyspaceEvents(classes: ReadonlySet<string>): string {
  let out = "";
  if ([...ALL].every((letter) => classes.has(letter))) out = "A";
  // With `A`, Valkey prints no other type letter, not even `n`.
  else for (const letter of TYPE_ORDER) if (classes.has(letter)) out += letter;
  for (const letter of TAIL_ORDER) if (classes.has(letter)) out += letter;
  return out;
}

/** CONFIG SET's check: the reason a value is refused, or undefined. */
export function validateKeyspaceEvents(value: string): string | undefined {
  return parseKeyspaceEvents(value) === undefined
    ? `Invalid event class character. Use '${LETTERS}'.`
    : undefined;
}

/** The canonical spelling of an accepted value. */
export function canonicalKeyspaceEvents(value: string): string {
  return formatKeyspaceEvents(parseKeyspaceEvents(value) ?? new Set());
}
