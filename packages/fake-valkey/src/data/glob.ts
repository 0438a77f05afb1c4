// MATCH/KEYS patterns with the server's glob rules (stringmatchlen): `*`, `?`,
// `[...]` with `^` negation and `a-z` ranges, and `\` escapes. Strings are
// latin1 so each character is one byte. Matching backtracks only to the last
// `*`, so it runs in O(pattern × text) whatever the pattern.

type Token =
  | { readonly kind: "star" }
  | { readonly kind: "any" }
  | { readonly kind: "char"; readonly code: number }
  | { readonly kind: "class"; readonly matches: (code: number) => boolean };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let p = 0; p < pattern.length; p++) {
    const c = pattern[p];
    if (c === "*") {
      if (tokens[tokens.length - 1]?.kind !== "star") tokens.push({ kind: "star" });
    } else if (c === "?") {
      tokens.push({ kind: "any" });
    } else if (c === "[") {
      const parsed = parseClass(pattern, p + 1);
      tokens.push({ kind: "class", matches: parsed.matches });
      p = parsed.end;
    } else if (c === "\\" && p + 1 < pattern.length) {
      p++;
      tokens.push({ kind: "char", code: pattern.charCodeAt(p) });
    } else {
      tokens.push({ kind: "char", code: pattern.charCodeAt(p) });
    }
  }
  return tokens;
}

/** Parses a class body from `start`; `end` is the index of its closing `]` (or the pattern's last index). */
function parseClass(
  pattern: string,
  start: number,
): { matches: (code: number) => boolean; end: number } {
  let p = start;
  const negate = pattern[p] === "^";
  if (negate) p++;
  const singles = new Set<number>();
  const ranges: [number, number][] = [];
  while (p < pattern.length && pattern[p] !== "]") {
    if (pattern[p] === "\\" && p + 1 < pattern.length) {
      p++;
      singles.add(pattern.charCodeAt(p));
    } else if (pattern[p + 1] === "-" && p + 2 < pattern.length) {
      // Like the server, a range may end in `]`, which then does not close the class.
      const a = pattern.charCodeAt(p);
      const b = pattern.charCodeAt(p + 2);
      ranges.push(a <= b ? [a, b] : [b, a]);
      p += 2;
    } else {
      singles.add(pattern.charCodeAt(p));
    }
    p++;
  }
  // An unterminated class ends at the pattern's end, as in the server.
  const end = p < pattern.length ? p : pattern.length - 1;
  const inClass = (code: number): boolean =>
    singles.has(code) || ranges.some(([low, high]) => code >= low && code <= high);
  return { matches: (code) => inClass(code) !== negate, end };
}

function matchesOne(token: Token, code: number): boolean {
  if (token.kind === "any") return true;
  if (token.kind === "char") return token.code === code;
  if (token.kind === "class") return token.matches(code);
  return false;
}

export function globMatch(pattern: string, text: string): boolean {
  const tokens = tokenize(pattern);
  let t = 0;
  let p = 0;
  let starToken = -1;
  let starText = 0;
  while (t < text.length) {
    const token = tokens[p];
    if (token !== undefined && token.kind === "star") {
      starToken = p++;
      starText = t;
    } else if (token !== undefined && matchesOne(token, text.charCodeAt(t))) {
      p++;
      t++;
    } else if (starToken >= 0) {
      p = starToken + 1;
      t = ++starText;
    } else {
      return false;
    }
  }
  while (tokens[p]?.kind === "star") p++;
  return p === tokens.length;
}
