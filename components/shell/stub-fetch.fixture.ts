// For unit tests of browser calls: a stubbed fetch that answers once per call, and the ApiRequestError a call
// rejected with.
import { expect, vi } from "vitest";
import { ApiRequestError } from "./api-client";

/** Every fetch answers `status` with `body` (JSON unless it is a string already); undo with vi.unstubAllGlobals(). */
export function stubFetch(status: number, body: unknown) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => new Response(text, { status }));
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

export async function rejectionOf(promise: Promise<unknown>): Promise<ApiRequestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiRequestError);
  return error as ApiRequestError;
}
