import { describe, expect, it } from "vitest";
import type { TGraphDiff } from "@/server/workflows/editor.shared";
import {
  describeChange,
  describeChangeCount,
  describeEdge,
  formatDiffValue,
  nodeName,
  previewText,
  summarizeDiff,
} from "./format-diff";
import { isEmptyDiff } from "@/server/workflows/diff-graphs.shared";

const EMPTY: TGraphDiff = { addedNodes: [], removedNodes: [], changedNodes: [], addedEdges: [], removedEdges: [] };
const edge = (source: string, sourceHandle: string, target: string, targetHandle = "in") => ({
  id: `${source}-${target}`,
  source,
  sourceHandle,
  target,
  targetHandle,
});

describe("formatDiffValue", () => {
  it("shows each kind of value unambiguously", () => {
    expect(formatDiffValue("gpt-4o")).toBe('"gpt-4o"');
    expect(formatDiffValue("Line one\nline two")).toBe('"Line one\nline two"');
    expect(formatDiffValue("")).toBe('""');
    expect(formatDiffValue(3)).toBe("3");
    expect(formatDiffValue(false)).toBe("false");
    expect(formatDiffValue(null)).toBe("(empty)");
    expect(formatDiffValue(undefined)).toBe("(not set)");
    expect(formatDiffValue({ kind: "model", modelId: "m1" })).toBe('{"kind":"model","modelId":"m1"}');
    expect(formatDiffValue(["a", 1])).toBe('["a",1]');
  });
});

describe("previewText", () => {
  it("keeps short text whole and cuts long text with an ellipsis", () => {
    expect(previewText("short", 10)).toEqual({ preview: "short", isTruncated: false });
    expect(previewText("abcdefghijkl", 10)).toEqual({ preview: "abcdefghij…", isTruncated: true });
  });

  it("never splits a character made of two UTF-16 units", () => {
    const { preview } = previewText("😀😀😀😀", 2);
    expect(preview).toBe("😀😀…");
  });
});

describe("describeEdge", () => {
  it("writes a connection between default ports as source → target", () => {
    expect(describeEdge(edge("classify", "out", "notify"))).toBe("classify → notify");
  });

  it("names non-default ports so branches are distinguishable", () => {
    expect(describeEdge(edge("route", "urgent", "page_oncall"))).toBe("route (urgent) → page_oncall");
    expect(describeEdge(edge("fetch", "error", "join", "b"))).toBe("fetch (error) → join (b)");
  });
});

describe("summarizeDiff", () => {
  it("says when two graphs are the same", () => {
    expect(isEmptyDiff(EMPTY)).toBe(true);
    expect(summarizeDiff(EMPTY)).toBe("No differences");
  });

  it("counts node and connection changes", () => {
    const diff: TGraphDiff = {
      ...EMPTY,
      addedNodes: [
        { id: "a", type: "ai.llm", label: "A" },
        { id: "b", type: "ai.llm", label: "B" },
      ],
      changedNodes: [{ id: "c", type: "tool.http", label: "C", changes: [{ path: "config.url", before: "x", after: "y" }] }],
      removedEdges: [edge("a", "out", "c")],
    };
    expect(isEmptyDiff(diff)).toBe(false);
    expect(summarizeDiff(diff)).toBe("2 nodes added, 1 changed · 1 connection removed");
    expect(summarizeDiff({ ...EMPTY, addedEdges: [edge("a", "out", "b"), edge("b", "out", "c")], removedEdges: [edge("c", "out", "d")] })).toBe(
      "2 connections added, 1 removed",
    );
    expect(summarizeDiff({ ...EMPTY, removedNodes: [{ id: "x", type: "ai.llm", label: "X" }] })).toBe("1 node removed");
    expect(summarizeDiff({ ...EMPTY, changedNodes: diff.changedNodes })).toBe("1 node changed");
  });
});

describe("names and counts", () => {
  it("shows a label with its id, or the id alone", () => {
    expect(nodeName({ id: "classify", label: "Classify ticket" })).toBe("Classify ticket (classify)");
    expect(nodeName({ id: "classify", label: "" })).toBe("classify");
    expect(nodeName({ id: "classify", label: "classify" })).toBe("classify");
  });

  it("counts field changes", () => {
    expect(describeChangeCount([1])).toBe("1 field changed");
    expect(describeChangeCount([1, 2])).toBe("2 fields changed");
  });
});

describe("describeChange", () => {
  it("shows short values whole", () => {
    expect(describeChange(0.3, 0.2)).toEqual({ before: "0.3", after: "0.2", beforeFull: "0.3", afterFull: "0.2", isShortened: false });
    expect(describeChange(undefined, "gpt-4o")).toMatchObject({ before: "(not set)", after: '"gpt-4o"', isShortened: false });
    expect(describeChange("Summarize", "Summarise").isShortened).toBe(false);
  });

  it("cuts two long texts to the part that changed, with context", () => {
    const intro = "You are a support assistant for Acme. Answer politely and briefly. ";
    const outro = " Sign as the Acme support team and never share internal ticket notes.";
    const change = describeChange(`${intro}Use English.${outro}`, `${intro}Use the customer's language.${outro}`);
    expect(change.isShortened).toBe(true);
    expect(change.before).toBe("…Answer politely and briefly. Use English. Sign as the Acme support team…");
    expect(change.after).toBe("…Answer politely and briefly. Use the customer's language. Sign as the Acme support team…");
    expect(change.beforeFull).toBe(`"${intro}Use English.${outro}"`);
  });

  it("keeps the start or the end when the change is there", () => {
    const long = "x".repeat(80);
    expect(describeChange(`A${long}`, `B${long}`).before).toBe(`"A${"x".repeat(30)}…`);
    expect(describeChange(`${long}A`, `${long}B`).after).toBe(`…${"x".repeat(30)}B"`);
    const appended = describeChange(long, `${long} and more`);
    expect(appended.before).toBe(`…${"x".repeat(30)}"`);
    expect(appended.after).toBe(`…${"x".repeat(30)} and more"`);
  });

  it("cuts other long values at the preview length", () => {
    const big = { items: Array.from({ length: 40 }, (_, i) => `item-${i}`) };
    const change = describeChange(big, null);
    expect(change.isShortened).toBe(true);
    expect(change.before.endsWith("…")).toBe(true);
    expect(change.after).toBe("(empty)");
  });
});
