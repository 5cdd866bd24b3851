// Graph problems arrive inside error details (unknown JSON): keep every well-formed one, drop the rest, so a refusal
// is always explained even when the server adds fields or codes this build does not know.
import { z } from "zod";
import type { TGraphProblem, TGraphProblemCode } from "@/server/workflows/graph-problems.shared";
import { ApiRequestError } from "@/components/shell/api-client";

const ZProblem = z.object({
  nodeId: z.string().nullish(),
  edgeId: z.string().optional(),
  field: z.string().optional(),
  code: z.string(),
  message: z.string().min(1),
  nodeIds: z.array(z.string()).optional(),
});

export function readProblems(value: unknown): TGraphProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): TGraphProblem[] => {
    const parsed = ZProblem.safeParse(item);
    if (!parsed.success) return [];
    const { nodeId, code, ...rest } = parsed.data;
    return [{ ...rest, nodeId: nodeId ?? null, code: code as TGraphProblemCode }];
  });
}

/** The graph problems of a refused save, publish, test run or import (a 400 with details.problems); empty otherwise. */
export function problemsOf(error: unknown): TGraphProblem[] {
  return error instanceof ApiRequestError ? readProblems(error.details.problems) : [];
}
