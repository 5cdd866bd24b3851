import { describe, expect, it } from "vitest";
import { z } from "zod";
import { NODE_DEFINITIONS } from "../nodes/registry.shared";
import type { TNodeDefinition } from "../nodes/types";
import { describeNodeConfig, describeNodeSettings, type TConfigField } from "./config-fields.shared";
import { humanizeKey } from "./config-field-copy.shared";

function field(type: keyof typeof NODE_DEFINITIONS, pattern: string): TConfigField {
  const walk = (fields: TConfigField[]): TConfigField | undefined => {
    for (const f of fields) {
      if (f.pattern === pattern && f.key !== "") return f;
      const children =
        f.widget === "object"
          ? f.fields
          : f.widget === "list"
            ? f.itemFields
            : f.widget === "variants"
              ? f.variants.flatMap((v) => v.fields)
              : [];
      const hit = walk(children);
      if (hit) return hit;
    }
    return undefined;
  };
  const found = walk(describeNodeConfig(NODE_DEFINITIONS[type]).fields);
  if (!found) throw new Error(`no field ${pattern} in ${type}`);
  return found;
}

describe("describeNodeConfig", () => {
  it("gives the LLM node a route-or-model picker, template prompts and bounded numbers", () => {
    const fields = describeNodeConfig(NODE_DEFINITIONS["ai.llm"]).fields;
    expect(fields.map((f) => [f.key, f.widget])).toEqual([
      ["model", "route-or-model"],
      ["systemPrompt", "template"],
      ["prompt", "template"],
      ["temperature", "number"],
      ["maxTokens", "number"],
      ["outputSchema", "json"],
    ]);
    const prompt = field("ai.llm", "prompt");
    expect(prompt).toMatchObject({ label: "Prompt", isRequired: true, isMultiline: true });
    expect(field("ai.llm", "systemPrompt")).toMatchObject({
      label: "System prompt",
      isRequired: false,
      defaultValue: "",
    });
    expect(field("ai.llm", "temperature")).toMatchObject({ min: 0, max: 2, isInteger: false, defaultValue: 0.2 });
    expect(field("ai.llm", "maxTokens")).toMatchObject({ min: 1, max: 200_000, isInteger: true });
    expect(field("ai.llm", "outputSchema")).toMatchObject({ isNullable: true, isRequired: false });
  });

  it("turns arrays of objects into editable lists, with expression fields inside", () => {
    const cases = field("control.switch", "cases");
    expect(cases).toMatchObject({ widget: "list", itemNoun: "case", minItems: 1, maxItems: 20 });
    expect(field("control.switch", "cases.*.when")).toMatchObject({ widget: "jsonata", isRequired: true });
    expect(field("ai.classifier", "labels")).toMatchObject({ widget: "list", itemNoun: "label", minItems: 2 });
  });

  it("reads select options from the hints and picker kinds from key names", () => {
    const method = field("tool.http", "method");
    expect(method.widget === "select" && method.options.map((o) => o.value)).toEqual([
      "GET",
      "POST",
      "PUT",
      "PATCH",
      "DELETE",
      "HEAD",
      "OPTIONS",
    ]);
    expect(field("tool.http", "credentialId")).toMatchObject({ widget: "credential", isNullable: true });
    expect(field("tool.http", "headers")).toMatchObject({ widget: "key-value", valueWidget: "template" });
    expect(field("tool.http", "allowedHosts").widget).toBe("string-list");
    expect(field("ai.retrieval", "knowledgeBaseId")).toMatchObject({ widget: "knowledge-base", isRequired: true });
    expect(field("trigger.event", "source.workflowId").widget).toBe("workflow");
    expect(field("ai.entities", "piiKinds")).toMatchObject({ widget: "multi-select" });
  });

  it("describes discriminated unions as variants, at the root and nested", () => {
    const [delay] = describeNodeConfig(NODE_DEFINITIONS["control.delay"]).fields;
    expect(delay).toMatchObject({ key: "", widget: "variants", discriminator: "mode", label: "Wait" });
    if (delay?.widget !== "variants") throw new Error("expected variants");
    expect(delay.variants.map((v) => [v.value, v.fields.map((f) => `${f.key}:${f.widget}`)])).toEqual([
      ["duration", ["durationMs:number"]],
      ["until", ["until:jsonata"]],
    ]);
    const [join] = describeNodeConfig(NODE_DEFINITIONS["control.join"]).fields;
    expect(join?.widget === "variants" && join.variants.map((v) => v.label)).toEqual([
      "All branches taken",
      "The first branch",
      "A number of branches",
    ]);
    expect(field("trigger.event", "source").widget).toBe("variants");
  });

  it("gives every field of every node type a widget and a label, and never throws", () => {
    for (const definition of Object.values(NODE_DEFINITIONS)) {
      const fields = describeNodeConfig(definition).fields;
      expect(fields.length).toBeGreaterThan(0);
      for (const f of fields) expect(f.label).not.toBe("");
    }
  });

  it("falls back to one JSON field for a schema it cannot describe", () => {
    const odd = {
      ...NODE_DEFINITIONS["control.output"],
      configSchema: z.union([z.string(), z.number()]),
      ui: {},
    } as TNodeDefinition;
    expect(describeNodeConfig(odd).fields).toMatchObject([{ key: "", widget: "json" }]);
  });

  it("describes the common node settings", () => {
    const fields = describeNodeSettings().fields;
    expect(fields.map((f) => f.key)).toEqual(["retry", "timeoutMs", "onError"]);
    const onError = fields[2];
    expect(onError?.widget === "select" && onError.options.map((o) => o.value)).toEqual(["fail", "continue", "route"]);
  });
});

describe("humanizeKey", () => {
  it("reads camelCase keys as words with units and acronyms", () => {
    expect(humanizeKey("maxTokens")).toBe("Max tokens");
    expect(humanizeKey("timeoutMs")).toBe("Timeout (ms)");
    expect(humanizeKey("credentialId")).toBe("Credential");
    expect(humanizeKey("url")).toBe("URL");
    expect(humanizeKey("us_ssn")).toBe("US SSN");
  });
});
