import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { signWebhook } from "@/server/engine/webhook-auth";
import { curlSigned, secretExport, SECRET_VARIABLE, SIGNING_LINES } from "@/components/builder/config/webhook-curl";

describe("webhook curl examples", () => {
  it("the openssl lines compute the signature the server checks", () => {
    const secret = "whsec_example'quote";
    const body = '{"hello":"wörld"}';
    const script = [secretExport(secret), `BODY='${body}'`, ...SIGNING_LINES, 'printf "%s %s" "$TS" "$SIG"'].join("\n");
    const [ts, sig] = execFileSync("bash", ["-c", script], { encoding: "utf8" }).trim().split(" ");
    expect(`sha256=${sig}`).toBe(signWebhook(secret, ts!, body));
  });

  it("never embeds the secret in the curl command itself", () => {
    expect(curlSigned("https://baton.example.com/api/hooks/abc")).toContain(`$${SECRET_VARIABLE}`);
    expect(secretExport(null)).toContain("<reveal the secret");
  });
});
