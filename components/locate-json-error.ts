// Browsers word JSON.parse errors differently and some give no position at all; this small scanner finds where
// the text first stops being JSON and says why in plain words. Used only after JSON.parse has refused the text.

export type TJsonErrorSpot = { offset: number; reason: string };

class Scanner {
  i = 0;
  constructor(private readonly text: string) {}

  fail(reason: string): never {
    throw { offset: this.i, reason } satisfies TJsonErrorSpot;
  }

  skipSpace(): void {
    while (/[ \t\n\r]/.test(this.text[this.i] ?? "")) this.i++;
  }

  value(): void {
    this.skipSpace();
    const ch = this.text[this.i];
    if (ch === "{") return this.object();
    if (ch === "[") return this.array();
    if (ch === '"') return this.string();
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) return this.number();
    for (const word of ["true", "false", "null"]) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    if (ch === undefined) this.fail("the text ends where a value was expected");
    if (ch === "'") this.fail("use double quotes (\") around text");
    this.fail("expected a value: text in double quotes, a number, true, false, null, an object or a list");
  }

  object(): void {
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === "}") return void this.i++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] === "}") this.fail("remove the comma before the closing }");
      if (this.text[this.i] !== '"') this.fail("expected a property name in double quotes");
      this.string();
      this.skipSpace();
      if (this.text[this.i] !== ":") this.fail("expected a colon (:) after the property name");
      this.i++;
      this.value();
      this.skipSpace();
      const ch = this.text[this.i];
      if (ch === "}") return void this.i++;
      if (ch !== ",") this.fail(ch === undefined ? "the object is not closed with }" : "expected a comma (,) or a closing }");
      this.i++;
    }
  }

  array(): void {
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === "]") return void this.i++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] === "]") this.fail("remove the comma before the closing ]");
      this.value();
      this.skipSpace();
      const ch = this.text[this.i];
      if (ch === "]") return void this.i++;
      if (ch !== ",") this.fail(ch === undefined ? "the list is not closed with ]" : "expected a comma (,) or a closing ]");
      this.i++;
    }
  }

  string(): void {
    this.i++;
    for (;;) {
      const ch = this.text[this.i];
      if (ch === undefined || ch === "\n") this.fail("the text in quotes is not closed with \"");
      if (ch === '"') return void this.i++;
      if (ch < " ") this.fail("control characters such as tabs must be escaped inside quotes");
      if (ch === "\\") {
        const next = this.text[this.i + 1] ?? "";
        if (next === "u" && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) this.i += 6;
        else if ('"\\/bfnrt'.includes(next) && next !== "") this.i += 2;
        else this.fail("invalid escape sequence");
      } else this.i++;
    }
  }

  number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i));
    if (!match) this.fail("invalid number");
    this.i += match[0].length;
  }
}

/** Where and why `text` is not JSON, or null when it is. */
export function locateJsonError(text: string): TJsonErrorSpot | null {
  const scanner = new Scanner(text);
  try {
    scanner.value();
    scanner.skipSpace();
    if (scanner.i < text.length) scanner.fail("unexpected text after the end of the value");
    return null;
  } catch (error) {
    if (error && typeof error === "object" && "offset" in error) return error as TJsonErrorSpot;
    throw error;
  }
}
