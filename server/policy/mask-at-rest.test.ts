import { describe, expect, it } from "vitest";
import { evaluatePost, evaluatePre } from "./evaluate";
import { atRestMasking, maskAtRest, mayReveal } from "./mask-at-rest";
import { policy, preInput } from "./policies.test-helper";
import { countAtRest, createVault, redact, restore, translate } from "./pii/redact";

const messages = (content: string) => ({ messages: [{ role: "user", content }] });

describe("atRestMasking", () => {
  it("is null unless a covering policy masks at rest; masks the types those policies redact or block, not those they log", () => {
    expect(atRestMasking([policy("Redact", { pii: { actions: { email: "redact" } } })])).toBeNull();
    const masking = atRestMasking([
      policy("Other", { pii: { actions: { phone: "redact" } } }),
      policy("At rest", { pii: { actions: { email: "redact", card: "block", ip_address: "log" }, maskAtRest: true } }),
    ]);
    expect(masking?.types.sort()).toEqual(["card", "email"]);
    expect(masking?.policies.map((p) => p.name)).toEqual(["At rest"]);
    expect(masking?.revealRoles).toEqual(["admin"]);
  });

  it("reveal needs a role every masking policy names; revealRoles lists the roles all of them name", () => {
    const masking = atRestMasking([
      policy("A", { pii: { actions: { email: "redact" }, maskAtRest: true, revealRoles: ["admin", "approver"] } }),
      policy("B", { pii: { actions: { card: "redact" }, maskAtRest: true, revealRoles: ["approver", "builder"] } }),
    ])!;
    expect(masking.revealRoles).toEqual(["approver"]);
    expect(mayReveal(masking, ["approver"])).toBe(true);
    expect(mayReveal(masking, ["admin"])).toBe(false);
    expect(mayReveal(masking, ["viewer"])).toBe(false);
    // An organisation admin who is a builder in the team holds both roles: A lets admins, B builders.
    expect(mayReveal(masking, ["builder", "admin"])).toBe(true);
  });
});

describe("maskAtRest", () => {
  it("replaces the masked types with the run's placeholders, marked as masked at rest, the same value keeping its placeholder", () => {
    const masking = atRestMasking([policy("At rest", { pii: { actions: { email: "redact" }, maskAtRest: true } })])!;
    const vault = createVault();
    redact("earlier: jane@example.com", ["email"], vault);
    const stored = maskAtRest({ to: "jane@example.com", cc: ["bob@example.com"], phone: "+1 415 555 0132" }, masking, vault);
    expect(stored).toEqual({ value: { to: "[EMAIL_1]", cc: ["[EMAIL_2]"], phone: "+1 415 555 0132" }, isChanged: true });
    expect(vault.entries["[EMAIL_1]"]).toEqual({ type: "email", value: "jane@example.com", isAtRest: true });
    expect(maskAtRest({ note: "nothing here" }, masking, vault).isChanged).toBe(false);
  });
});

describe("values masked at rest at the calls", () => {
  const masked = () => {
    const vault = createVault();
    redact("card 4111 1111 1111 1111", ["card"], vault, { isAtRest: true });
    redact("mail jane@example.com", ["email"], vault);
    return vault;
  };

  it("count as the value before a call: another policy's block still holds", async () => {
    const vault = masked();
    expect(countAtRest("pay [CARD_1] for [EMAIL_1] and [CARD_9]", vault)).toEqual(["card"]);
    const d = await evaluatePre(preInput({ payload: messages("Refund [CARD_1]"), vault }), [policy("No cards", { pii: { actions: { card: "block" } } })]);
    expect(d.decision).toBe("block");
    expect(d.reason).toBe("Blocked by policy No cards v1: the prompt contains 1 payment card number");
  });

  it("a placeholder redacted at an earlier call (not masked at rest) does not count again, as before", async () => {
    const d = await evaluatePre(preInput({ payload: messages("Write to [EMAIL_1]"), vault: masked() }), [policy("P", { pii: { actions: { email: "block" } } })]);
    expect(d.decision).toBe("allow");
  });

  it("an answer quoting a placeholder is not counted after the call", async () => {
    const d = await evaluatePost({ ...preInput(), output: "Refunded [CARD_1]", vault: masked() }, [policy("P", { pii: { actions: { card: "block" } } })]);
    expect(d.decision).toBe("allow");
  });
});

describe("translate (a sub-workflow's placeholders into its parent's vault)", () => {
  it("keeps a known value's placeholder, numbers new values after the parent's own, and carries the at-rest mark", () => {
    const parent = createVault();
    redact("jane@example.com and ops@example.com", ["email"], parent, { isAtRest: true });
    const child = structuredClone(parent);
    redact("risk@example.com", ["email"], child, { isAtRest: true });
    // The parent took another value meanwhile: the child's [EMAIL_3] must not become it.
    redact("late@example.com", ["email"], parent);
    let changes = 0;
    const text = translate("[EMAIL_1] cc [EMAIL_3], literal [EMAIL_7]", child, parent, () => (changes += 1));
    expect(text).toBe("[EMAIL_1] cc [EMAIL_4], literal [EMAIL_7]");
    expect(restore(text, parent)).toBe("jane@example.com cc risk@example.com, literal [EMAIL_7]");
    expect(parent.entries["[EMAIL_4]"]).toEqual({ type: "email", value: "risk@example.com", isAtRest: true });
    expect(changes).toBe(1);
  });
});
