import { describe, expect, it } from "vitest";
import { toSameOriginPath } from "./same-origin-path.shared";

const ORIGIN = "http://localhost:3000";

/** Where a browser goes when it is sent to `path` from a page of the app (it resolves it against the page's URL). */
function landsOn(path: string): string {
  return new URL(path, `${ORIGIN}/signin`).origin;
}

describe("toSameOriginPath", () => {
  it.each([
    ["/workflows", "/workflows"],
    ["/runs?status=FAILED&page=2", "/runs?status=FAILED&page=2"],
    ["/workflows/abc#node-1", "/workflows/abc#node-1"],
    ["/", "/"],
    ["http://localhost:3000/dashboard?x=1", "/dashboard?x=1"],
    ["HTTP://LOCALHOST:3000/dashboard", "/dashboard"],
    ["/a/../dashboard", "/dashboard"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("keeps the same-origin path %s", (value, expected) => {
    expect(toSameOriginPath(value, ORIGIN)).toBe(expected);
  });

  it.each([
    "/\\evil.example",
    "/\\evil.example/x",
    "/\\\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "//evil.example",
    "///evil.example",
    "https://evil.example",
    "https:evil.example",
    "http://localhost:3000.evil.example/",
    "http://localhost:3001/",
    "https://localhost:3000/",
    "http://user@evil.example/",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    decodeURIComponent("/%5C127.0.0.1:3499/x"),
    decodeURIComponent("/%09/127.0.0.1:3499/x"),
    decodeURIComponent("%2F%2Fevil.example"),
    decodeURIComponent("/%5C%5Cevil.example"),
  ])("turns %j into / (it would leave the origin)", (value) => {
    expect(toSameOriginPath(value, ORIGIN)).toBe("/");
  });

  it.each(["/.//evil.example", "/./\\evil.example", "/x/..//evil.example"])(
    "a path that normalises to a leading // stays on the origin (%j)",
    (value) => {
      const path = toSameOriginPath(value, ORIGIN);
      expect(path.startsWith("//")).toBe(false);
      expect(landsOn(path)).toBe(ORIGIN);
    },
  );

  it("uses the fallback for an empty, missing or unparsable value", () => {
    expect(toSameOriginPath(undefined, ORIGIN)).toBe("/");
    expect(toSameOriginPath(null, ORIGIN)).toBe("/");
    expect(toSameOriginPath("", ORIGIN, "/workflows")).toBe("/workflows");
    expect(toSameOriginPath("http://[::1", ORIGIN)).toBe("/");
  });

  it("every answer, whatever the input, resolves to the app's origin", () => {
    const samples = ["/\\x", "//x", "/\t/x", "x", "?a=1", "#h", "../../x", "/%00", "\u0000//x", "/\u2028/x"];
    for (const value of samples) expect(landsOn(toSameOriginPath(value, ORIGIN)), value).toBe(ORIGIN);
  });
});
