import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { decryptSecret, encryptSecret, isSecretBox, maskSecret } from "./secret-box";

const KEY = "a-test-secret-key-that-is-long-enough-0123456789";
const OTHER_KEY = "another-test-secret-key-that-is-long-enough-9876";

function flipFirstChar(b64: string): string {
  const bytes = Buffer.from(b64, "base64");
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return bytes.toString("base64");
}

describe("secret box", () => {
  it("round-trips JSON values and uses a fresh IV each time", () => {
    const secret = { apiKey: "sk-live-1234567890abcdef", org: "org-42", nested: { n: 1, ok: true, list: ["é", null] } };
    const a = encryptSecret(secret, { secretKey: KEY });
    const b = encryptSecret(secret, { secretKey: KEY });
    expect(a).toMatch(/^v1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    expect(isSecretBox(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(a).not.toContain("sk-live");
    expect(decryptSecret(a, { secretKey: KEY })).toEqual(secret);
    expect(decryptSecret(b, { secretKey: KEY })).toEqual(secret);
    expect(decryptSecret(encryptSecret("plain", { secretKey: KEY }), { secretKey: KEY })).toBe("plain");
  });

  it("uses BATON_SECRET_KEY from the environment by default", () => {
    const box = encryptSecret({ token: "t" });
    expect(decryptSecret(box)).toEqual({ token: "t" });
  });

  it("detects tampering in the data, the tag and the IV", () => {
    const box = encryptSecret({ apiKey: "sk-abcdefghijklmnop" }, { secretKey: KEY });
    const [version, iv = "", tag = "", data = ""] = box.split(".");
    const tampered = [
      [version, iv, tag, flipFirstChar(data)],
      [version, iv, flipFirstChar(tag), data],
      [version, flipFirstChar(iv), tag, data],
    ].map((p) => p.join("."));
    for (const t of tampered) {
      expect(() => decryptSecret(t, { secretKey: KEY })).toThrow(AppError);
      expect(() => decryptSecret(t, { secretKey: KEY })).toThrow(/altered|different BATON_SECRET_KEY/);
    }
  });

  it("refuses a box made with another key with a clear AppError", () => {
    const box = encryptSecret({ apiKey: "sk-abcdefghijklmnop" }, { secretKey: KEY });
    let caught: unknown;
    try {
      decryptSecret(box, { secretKey: OTHER_KEY });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe("INTERNAL");
    expect((caught as AppError).message).toMatch(/different BATON_SECRET_KEY/);
  });

  it("refuses malformed boxes without crashing", () => {
    for (const bad of ["", "v1", "v2.a.b.c", "v1.a.b", "v1.!!!.###.$$$", "v1..."]) {
      expect(() => decryptSecret(bad, { secretKey: KEY })).toThrow(AppError);
    }
  });

  it("masks secrets for display", () => {
    expect(maskSecret("sk-proj-abcdefghijklmnopqrstuvwxyzabcd")).toBe("sk-…abcd");
    expect(maskSecret("AIzaSyA1234567890wxyz")).toBe("…wxyz");
    expect(maskSecret("ghp_0123456789abcdefWXYZ")).toBe("ghp_…WXYZ");
    expect(maskSecret("short")).toBe("••••");
    expect(maskSecret("")).toBe("••••");
  });
});
