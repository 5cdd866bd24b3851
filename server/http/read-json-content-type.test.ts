import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import { readJsonBody } from "./read-json";

// Only a real JSON media type is accepted: a type that merely contains "application/json" somewhere (text/plain with
// a parameter) is one a cross-site form or fetch may send without a CORS preflight.
const ZAny = z.record(z.string(), z.unknown());
const withType = (contentType: string) =>
  new Request("http://baton.test/api/x", { method: "POST", body: '{"a":1}', headers: { "content-type": contentType } });
const outcome = (p: Promise<unknown>) => p.then(() => "OK", (e: unknown) => (e instanceof AppError ? `${e.status}` : `500 ${String(e)}`));

describe("readJsonBody's content type", () => {
  it.each([
    "application/json",
    "application/json; charset=utf-8",
    "Application/JSON;charset=UTF-8",
    " application/json ",
    "application/merge-patch+json",
    "application/vnd.api+json; charset=utf-8",
  ])("accepts %j", async (type) => {
    expect(await outcome(readJsonBody(withType(type), ZAny))).toBe("OK");
  });

  it.each([
    "text/plain; x=application/json",
    "text/plain;charset=application/json",
    "application/x-www-form-urlencoded; a=application/json",
    "multipart/form-data; boundary=application/json",
    "application/jsonp",
    "application/json-seq",
    "xapplication/json",
    "application/+json",
    "text/json+application/json",
    "",
  ])("refuses %j with 415", async (type) => {
    expect(await outcome(readJsonBody(withType(type), ZAny))).toBe("415");
  });
});
