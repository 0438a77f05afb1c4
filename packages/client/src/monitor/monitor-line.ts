// One line of the server's MONITOR stream, parsed:
//   1700000000.123456 [0 127.0.0.1:50000] "SET" "key" "va\"lue"
// The server quotes every argument and escapes it (sdscatrepr: \n \r \t \a \b,
// \" \\ and \xHH for other non-printable bytes); Petrel undoes those escapes,
// where GLIDE's core keeps the character after a backslash as it is.

/** GLIDE's `MonitorLine`: when, in which database, from which client, which command. */
export interface MonitorLine {
  /** Seconds since the epoch, with microseconds. */
  timestamp: number;
  db: number;
  /** `ip:port`, `unix:/path`, or `lua` for commands run by a script. */
  clientAddr: string;
  command: string;
  args: string[];
}

const ESCAPES: Record<string, string> = {
  n: "\n",
  r: "\r",
  t: "\t",
  a: "\x07",
  b: "\b",
};

/** Parses one MONITOR line; undefined when it is not one (GLIDE skips those). */
export function parseMonitorLine(raw: string): MonitorLine | undefined {
  const text = raw.startsWith("+") ? raw.slice(1) : raw;
  const open = text.indexOf(" [");
  if (open < 0) return undefined;
  const timestamp = Number(text.slice(0, open).trim());
  const close = text.indexOf("]", open);
  if (!Number.isFinite(timestamp) || close < 0) return undefined;
  const inside = text.slice(open + 2, close);
  const space = inside.indexOf(" ");
  if (space < 0) return undefined;
  const dbText = inside.slice(0, space).trim();
  if (!/^\d+$/.test(dbText)) return undefined;
  const tokens = quotedTokens(text.slice(close + 1));
  const command = tokens.shift();
  if (command === undefined) return undefined;
  return {
    timestamp,
    db: Number(dbText),
    clientAddr: inside.slice(space + 1).trim(),
    command,
    args: tokens,
  };
}

/** The double-quoted tokens of `text`, unescaped; bytes from \xHH are read as UTF-8. */
function quotedTokens(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') {
      i++;
      continue;
    }
    i++;
    const bytes: number[] = [];
    while (i < text.length && text[i] !== '"') {
      const ch = text[i] as string;
      if (ch === "\\" && i + 1 < text.length) {
        const next = text[i + 1] as string;
        if (next === "x" && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
          bytes.push(Number.parseInt(text.slice(i + 2, i + 4), 16));
          i += 4;
          continue;
        }
        for (const byte of Buffer.from(ESCAPES[next] ?? next)) bytes.push(byte);
        i += 2;
        continue;
      }
      const code = text.codePointAt(i) as number;
      const char = String.fromCodePoint(code);
      for (const byte of Buffer.from(char)) bytes.push(byte);
      i += char.length;
    }
    i++;
    tokens.push(Buffer.from(bytes).toString());
  }
  return tokens;
}
