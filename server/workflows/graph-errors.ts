import { AppError } from "../errors";
import { summarizeGraphProblems, type TGraphProblem } from "./graph-problems.shared";

/** A refused graph: every problem, both as field issues and as the validator's structured problems. */
export function graphRefused(action: "saved" | "published" | "tested" | "estimated" | "imported", problems: TGraphProblem[]): AppError {
  return new AppError("VALIDATION", `The workflow cannot be ${action}: ${summarizeGraphProblems(problems)}`, {
    issues: problems.map((p) => ({ path: [p.nodeId ?? "workflow", p.field].filter(Boolean).join("."), message: p.message })),
    details: { problems },
  });
}
