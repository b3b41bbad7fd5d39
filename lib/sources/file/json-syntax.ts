// Finds where a JSON text first breaks, with a reason a person can act on. Only called after
// JSON.parse has failed (it is slower), because V8's messages often carry no position.

export interface JsonSyntaxProblem {
  /** Character offset of the problem within the text. */
  offset: number;
  reason: string;
}

class Found extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const MAX_DEPTH = 2_000;

function show(ch: string | undefined): string {
  if (ch === undefined) return "end of input";
  if (ch === "\n") return "a line break";
  return `'${ch}'`;
}

class Locator {
  i = 0;
  constructor(private readonly s: string) {}

  fail(reason: string): never {
    throw new Found(this.i, reason);
  }

  ws(): void {
    while (this.i < this.s.length && " \t\n\r".includes(this.s[this.i]!)) this.i++;
  }

  value(depth: number): void {
    if (depth > MAX_DEPTH) this.fail("values are nested too deeply");
    this.ws();
    const ch = this.s[this.i];
    if (ch === "{") return this.container(depth, "}");
    if (ch === "[") return this.container(depth, "]");
    if (ch === '"') return this.string();
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) return this.number();
    for (const word of ["true", "false", "null"])
      if (this.s.startsWith(word, this.i)) return void (this.i += word.length);
    this.fail(`unexpected ${show(ch)} where a value was expected`);
  }

  container(depth: number, close: "}" | "]"): void {
    const isObject = close === "}";
    this.i++;
    this.ws();
    if (this.s[this.i] === close) return void this.i++;
    for (;;) {
      if (isObject) {
        this.ws();
        if (this.s[this.i] !== '"')
          this.fail(`expected a property name in double quotes, found ${show(this.s[this.i])}`);
        this.string();
        this.ws();
        if (this.s[this.i] !== ":") this.fail(`expected ':' after a property name, found ${show(this.s[this.i])}`);
        this.i++;
      }
      this.value(depth + 1);
      this.ws();
      const ch = this.s[this.i];
      if (ch === close) return void this.i++;
      if (ch !== ",") this.fail(`expected ',' or '${close}', found ${show(ch)}`);
      const comma = this.i++;
      this.ws();
      if (this.s[this.i] === close) throw new Found(comma, `a trailing comma before '${close}'`);
    }
  }

  string(): void {
    this.i++;
    for (;;) {
      const ch = this.s[this.i];
      if (ch === undefined) this.fail("unterminated string");
      if (ch === '"') return void this.i++;
      if (ch < " ") this.fail(`${show(ch)} inside a string (control characters must be escaped)`);
      if (ch === "\\") {
        const next = this.s[this.i + 1];
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6)))
            this.fail("invalid \\u escape in a string");
          this.i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next))
          this.fail(`invalid escape '\\${next ?? ""}' in a string`);
        this.i += 2;
        continue;
      }
      this.i++;
    }
  }

  number(): void {
    NUMBER.lastIndex = this.i;
    const match = NUMBER.exec(this.s);
    if (!match) this.fail(`invalid number starting with ${show(this.s[this.i])}`);
    this.i += match[0].length;
  }
}

/** The first syntax problem in `text`, or undefined when it is one valid JSON value. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const locator = new Locator(text);
  try {
    locator.value(0);
    locator.ws();
    if (locator.i < text.length) locator.fail(`unexpected ${show(text[locator.i])} after the end of the value`);
    return undefined;
  } catch (error) {
    if (error instanceof Found) return { offset: error.offset, reason: error.reason };
    throw error;
  }
}

/** Line (0-based, relative) and column (1-based) of an offset within `text`. */
export function positionOf(text: string, offset: number): { lineOffset: number; column: number } {
  let lineOffset = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      lineOffset++;
      lineStart = i + 1;
    }
  }
  return { lineOffset, column: offset - lineStart + 1 };
}
