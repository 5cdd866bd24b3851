// A step's outcome as the run stores it when a policy covering the run masks PII at rest (pii.maskAtRest): its output,
// its error and an approval's title and details keep placeholders of the run's vault instead of the values. Applied
// before the outcome is recorded, so what later steps of this pass read is what a later pass reads from Postgres.
import type { TGovernanceDeps } from "../governance/types";
import type { TRunGovernance } from "../governance/step-governance";
import type { TStepOutcome } from "./step-runner";

export async function maskOutcome(runGovernance: TRunGovernance, deps: Pick<TGovernanceDeps, "policiesFor">, outcome: TStepOutcome): Promise<TStepOutcome> {
  if (outcome.kind === "interrupted") return outcome;
  const masking = await runGovernance.atRestMasking(deps);
  if (!masking || masking.types.length === 0) return outcome;
  const mask = <T>(value: T): T => runGovernance.maskForStorage(value, masking);
  switch (outcome.kind) {
    case "succeeded":
      return { ...outcome, output: mask(outcome.output) };
    case "waiting": {
      const wait = outcome.wait.kind === "approval" ? { ...outcome.wait, title: mask(outcome.wait.title), details: mask(outcome.wait.details) } : outcome.wait;
      return { ...outcome, wait, output: mask(outcome.output) };
    }
    case "retry":
      return { ...outcome, error: mask(outcome.error) };
    case "failed":
      return { ...outcome, error: mask(outcome.error), output: mask(outcome.output) };
  }
}
