// Turns a TGraphDiff into text a business user can read: values as short strings, connections as "a → b", and a
// one-line summary. Pure, so every wording is tested.
import { isEmptyDiff } from "@/server/workflows/diff-graphs.shared";
import type { TGraphDiff } from "@/server/workflows/editor.shared";

/** Values longer than this are cut, with a way to expand them. */
export const DIFF_VALUE_PREVIEW_CHARS = 140;

type TEdge = TGraphDiff["addedEdges"][number];

/**
 * A changed value as text: strings in quotes as written (a prompt keeps its line breaks), absent values named,
 * objects as compact JSON.
 */
export function formatDiffValue(value: unknown): string {
  if (value === undefined) return "(not set)";
  if (value === null) return "(empty)";
  if (typeof value === "string") return `"${value}"`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The first `max` characters (on a whole character), and whether anything was cut. */
export function previewText(text: string, max = DIFF_VALUE_PREVIEW_CHARS): { preview: string; isTruncated: boolean } {
  const chars = Array.from(text);
  if (chars.length <= max) return { preview: text, isTruncated: false };
  return { preview: `${chars.slice(0, max).join("").trimEnd()}…`, isTruncated: true };
}

/** Characters of unchanged text kept around the part that changed. */
const CONTEXT_CHARS = 30;
const WORD_SNAP_CHARS = 12;

export type TChangeText = {
  before: string;
  after: string;
  /** Both values in full, for "Show all". */
  beforeFull: string;
  afterFull: string;
  isShortened: boolean;
};

/** Moves a cut back to the start of its word (at most a few characters), so context does not begin mid-word. */
function snapBack(chars: string[], at: number): number {
  for (let i = at; i > 0 && i > at - WORD_SNAP_CHARS; i--) if (/\s/.test(chars[i - 1] ?? "")) return i;
  return at;
}

function snapForward(chars: string[], at: number): number {
  for (let i = at; i < chars.length && i < at + WORD_SNAP_CHARS; i++) if (/\s/.test(chars[i] ?? "")) return i;
  return at;
}

function commonPrefixLength(a: string[], b: string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * What a person needs to see of one change. Two long texts that differ in one place (a prompt with a sentence
 * added) are cut to the changed part with a little context, "…" marking what is left out; other values are cut
 * at DIFF_VALUE_PREVIEW_CHARS.
 */
export function describeChange(before: unknown, after: unknown): TChangeText {
  const beforeFull = formatDiffValue(before);
  const afterFull = formatDiffValue(after);
  let [shownBefore, shownAfter] = [beforeFull, afterFull];
  if (typeof before === "string" && typeof after === "string") {
    const [a, b] = [Array.from(before), Array.from(after)];
    const prefix = commonPrefixLength(a, b);
    const maxSuffix = Math.min(a.length, b.length) - prefix;
    const suffix = Math.min(commonPrefixLength([...a].reverse(), [...b].reverse()), maxSuffix);
    const start = snapBack(a, prefix > CONTEXT_CHARS ? prefix - CONTEXT_CHARS : 0);
    const endCut = a.length - snapForward(a, suffix > CONTEXT_CHARS ? a.length - suffix + CONTEXT_CHARS : a.length);
    const cut = (chars: string[]) =>
      `${start > 0 ? "…" : '"'}${chars.slice(start, chars.length - endCut).join("")}${endCut > 0 ? "…" : '"'}`;
    [shownBefore, shownAfter] = [cut(a), cut(b)];
  }
  const [pb, pa] = [previewText(shownBefore), previewText(shownAfter)];
  return {
    before: pb.preview,
    after: pa.preview,
    beforeFull,
    afterFull,
    isShortened: pb.preview !== beforeFull || pa.preview !== afterFull,
  };
}

/** Ports named "in" and "out" are every node's default: naming them would only add noise. */
function end(nodeId: string, handle: string, defaultHandle: string): string {
  return handle === defaultHandle ? nodeId : `${nodeId} (${handle})`;
}

/** "classify → notify", or "classify (urgent) → notify" for a connection out of a named port. */
export function describeEdge(edge: Pick<TEdge, "source" | "sourceHandle" | "target" | "targetHandle">): string {
  return `${end(edge.source, edge.sourceHandle, "out")} → ${end(edge.target, edge.targetHandle, "in")}`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "1 node added" then "3 changed": the noun once, on the first count. */
function countsOf(noun: [string, string], counts: [string, number][]): string | null {
  const parts = counts.filter(([, n]) => n > 0);
  if (parts.length === 0) return null;
  return parts.map(([verb, n], i) => (i === 0 ? `${count(n, noun[0], noun[1])} ${verb}` : `${n} ${verb}`)).join(", ");
}

/** "1 node added, 3 changed · 1 connection removed", or "No differences". */
export function summarizeDiff(diff: TGraphDiff): string {
  if (isEmptyDiff(diff)) return "No differences";
  const nodes = countsOf(["node", "nodes"], [
    ["added", diff.addedNodes.length],
    ["removed", diff.removedNodes.length],
    ["changed", diff.changedNodes.length],
  ]);
  const edges = countsOf(["connection", "connections"], [
    ["added", diff.addedEdges.length],
    ["removed", diff.removedEdges.length],
  ]);
  return [nodes, edges].filter((part): part is string => part !== null).join(" · ");
}

/** How many field changes a changed node lists, for its heading. */
export function describeChangeCount(changes: readonly unknown[]): string {
  return count(changes.length, "field changed", "fields changed");
}

/** The node's name as a person reads it: its label, with the id when they differ. */
export function nodeName(node: { id: string; label: string }): string {
  return node.label && node.label !== node.id ? `${node.label} (${node.id})` : node.id;
}
