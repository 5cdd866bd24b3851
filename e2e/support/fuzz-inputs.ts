import fc from "fast-check";

// Generators of malformed API input for e2e/api-fuzz.spec.ts: bodies (raw bytes with a content type), query strings
// and path segments of the wrong shape. Each body carries a label saying what is wrong with it.

export type TFuzzBody = { label: string; contentType: string | null; bytes: Buffer };

export const INJECTIONS = [
  `' OR '1'='1`,
  `1; DROP TABLE "Run"; --`,
  `"; SELECT pg_sleep(5); --`,
  `{{ 7*7 }}`,
  `{{ $string($) }}`,
  `$$.constructor`,
  `$eval("$")`,
  "${7*7}",
  `nodes.trigger.output`,
  `../../../../etc/passwd`,
  `..\\..\\windows\\win.ini`,
  `%2e%2e%2f%2e%2e%2fetc%2fpasswd`,
  `<script>alert(1)</script>`,
  `javascript:alert(1)`,
  `http://169.254.169.254/latest/meta-data/`,
  `file:///etc/passwd`,
  `$(reboot)`,
  "\r\nSet-Cookie: x=1",
] as const;

const KEYS = [
  "name", "description", "teamId", "graph", "nodes", "edges", "revision", "input", "versionId", "action",
  "fromNodeId", "document", "decision", "comment", "reason", "key", "allowPrivateNetworks", "allowedHosts",
  "tags", "note", "email", "password", "label", "__proto__", "constructor", "prototype", "$where", "{{x}}",
] as const;

// Numbers JSON can carry but JavaScript or Postgres cannot hold as meant. Written into the text as literals.
const NUMBER_LITERALS = ["1e309", "-1e309", "-0", "9007199254740993", "1e-400", "-2147483649", "99999999999999999999999", "0.1e1000"];
const NUM_MARK = "@@num:";

const injection = fc.constantFrom(...INJECTIONS);
const wrongScalar = fc.oneof(
  injection,
  fc.constantFrom(...NUMBER_LITERALS).map((n) => `${NUM_MARK}${n}`),
  fc.boolean(),
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 20 }),
);

const wrongValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    wrongScalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie("value")), { maxLength: 4 }).map((e) => Object.fromEntries(e)),
  ),
})).value;

/** JSON text of a value, with the number markers written as bare number literals. */
function toJsonText(value: unknown): string {
  return JSON.stringify(value).replace(new RegExp(`"${NUM_MARK}([^"]*)"`, "g"), "$1");
}

const text = (label: string, body: string, contentType: string | null = "application/json"): TFuzzBody => ({
  label,
  contentType,
  bytes: Buffer.from(body, "utf8"),
});

/** Wrong types, missing fields, objects where arrays are expected and back, prototype keys, injection strings. */
const wrongShape = fc.oneof(
  fc.array(fc.tuple(fc.constantFrom(...KEYS), wrongValue), { maxLength: 6 }).map((e) => text("object with wrong types", toJsonText(Object.fromEntries(e)))),
  fc.constantFrom("{}", "[]", "null", "true", "0", `""`, `"{}"`, "[{}]").map((b) => text("missing fields / wrong top-level type", b)),
  wrongValue.map((v) => text("wrong top-level value", toJsonText(v))),
  fc.constantFrom(...KEYS).chain((k) => injection.map((i) => text("injection string", toJsonText({ [k]: i, name: i, input: { [i]: i } })))),
  fc.constantFrom(
    `{"__proto__":{"isOrgAdmin":true,"role":"admin"}}`,
    `{"constructor":{"prototype":{"polluted":true}}}`,
    `{"name":"x","__proto__":null}`,
  ).map((b) => text("prototype keys", b)),
);

/** Strings Postgres cannot store (NUL) or that are not valid Unicode (lone surrogates), in values and in keys. */
const poison = fc
  .tuple(
    fc.constantFrom("\\u0000", "\\ud800", "\\udfff", "a\\u0000b", "\\ud83d", "x\\udc00y"),
    fc.constantFrom<"value" | "key" | "nested" | "array">("value", "key", "nested", "array"),
    fc.constantFrom(...KEYS),
  )
  .map(([bad, where, key]) => {
    const body = {
      value: `{"${key}":"${bad}","name":"${bad}"}`,
      key: `{"${bad}":1,"input":{"${bad}":"v"}}`,
      nested: `{"${key}":{"deep":[{"x":"${bad}"}]},"input":{"k":"${bad}"}}`,
      array: `["${bad}"]`,
    }[where];
    return text(`NUL or lone surrogate in a ${where}`, body);
  });

/** Not JSON at all, or JSON broken in a way every parser refuses. */
const brokenJson = fc.oneof(
  wrongValue.chain((v) => fc.nat().map((n) => {
    const full = toJsonText({ name: v, input: v });
    return text("truncated JSON", full.slice(0, n % Math.max(1, full.length - 1)));
  })),
  fc.constantFrom(
    "{'name': 'x'}", "{name: 1}", `{"a":1,}`, "[1,2", "NaN", "undefined", "{} {}", `{"a":1} trailing`,
    "\ufeff{}", "/* c */ {}", `{"a":"\t"}`, "", " ", "\u0000", `{"a":"\u0000"}`,
  ).map((b) => text("invalid JSON", b)),
);

/** Bytes that are not UTF-8: in a string value, or as a bare token (invalid JSON whatever the decoder does). */
const invalidUtf8 = fc
  .tuple(fc.constantFrom([0xff], [0xfe, 0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf0, 0x9f, 0x98]), fc.boolean())
  .map(([bad, isInString]): TFuzzBody => ({
    label: isInString ? "invalid UTF-8 in a string" : "invalid UTF-8 as a bare token",
    contentType: "application/json",
    bytes: isInString
      ? Buffer.concat([Buffer.from(`{"name":"`), Buffer.from(bad), Buffer.from(`","input":{"k":"`), Buffer.from(bad), Buffer.from(`"}}`)])
      : Buffer.concat([Buffer.from(`{"name":`), Buffer.from(bad), Buffer.from(`}`)]),
  }));

/** Over the 1 MB limit: in ASCII, and in a multi-byte character (fewer than a million characters, more bytes). */
const huge = fc.constantFrom(
  () => text("huge body (1.2 MB ASCII)", `{"name":"${"a".repeat(1_200_000)}"}`),
  () => text("huge body (400 000 '€' = 1.2 MB, under a million characters)", `{"name":"${"€".repeat(400_000)}"}`),
  () => text("huge body (300 000 array items)", `[${"1,".repeat(300_000)}1]`),
).map((make) => make());

/** Deeply nested arrays and objects, under 1 MB. */
const deep = fc.constantFrom(1_000, 50_000, 200_000).chain((depth) =>
  fc.constantFrom(
    () => text(`${depth}-deep arrays`, `${"[".repeat(depth)}${"]".repeat(depth)}`),
    () => text(`${Math.min(depth, 100_000)}-deep objects`, `${`{"a":`.repeat(Math.min(depth, 100_000))}1${"}".repeat(Math.min(depth, 100_000))}`),
    () => text(`${depth}-deep under a field`, `{"name":"x","input":${"[".repeat(depth)}${"]".repeat(depth)}}`),
  ).map((make) => make()),
);

const CONTENT_TYPES = [null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "text/json", "application/octet-stream"];

/** A JSON-looking body sent with a content type that is not JSON. */
const wrongContentType = fc
  .tuple(fc.constantFrom(...CONTENT_TYPES), wrongValue)
  .map(([type, v]) => text(`content type ${type ?? "(none)"}`, toJsonText({ name: "fuzz", teamId: "x", input: v }), type));

export const malformedBody: fc.Arbitrary<TFuzzBody> = fc.oneof(
  { arbitrary: wrongShape, weight: 5 },
  { arbitrary: poison, weight: 3 },
  { arbitrary: brokenJson, weight: 2 },
  { arbitrary: invalidUtf8, weight: 2 },
  { arbitrary: wrongContentType, weight: 2 },
  { arbitrary: deep, weight: 1 },
  { arbitrary: huge, weight: 1 },
);

/** Query strings a GET route may not expect: injections, NUL, broken percent-encoding, repeats, brackets, length. */
export const malformedQuery: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom("from", "to", "status", "cursor", "limit", "q", "page", "a[b]", "__proto__[x]", "%", "from[]"),
      fc.oneof(
        fc.constantFrom(...INJECTIONS).map(encodeURIComponent),
        fc.constantFrom("%00", "%ZZ", "%", "%E2%82", "%ED%A0%80", "%C0%AF", "-1", "1e309", "NaN", "0x10", "draft%00", "", "%F0%9F"),
        fc.constant("x".repeat(6000)),
      ),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`);

/** Path segments no id, number or name can be (already percent-encoded where needed). */
export const WRONG_SEGMENTS = [
  "nope",
  "00000000-0000-0000-0000-000000000000",
  "%27%20OR%20%271%27%3D%271",
  "..%2F..%2Fhealthz",
  "%00",
  "%ZZ",
  "%C0%AF",
  "%ED%A0%80",
  "x".repeat(3000),
  "%7B%7B7*7%7D%7D",
  "-1",
  "0",
  "1.5",
  "1e309",
  "99999999999999999999",
  "%F0%9F%98%80",
  "__proto__",
] as const;
