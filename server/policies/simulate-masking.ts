// What masking at rest (pii.maskAtRest) would have done to a finished run, for the policy simulation: the values of
// the masked types found in what the run stores (its input and its steps' outputs). Values stored as placeholders
// already (masked or redacted when the run ran) are not found again.
import { collectStrings } from "../policy/json-strings";
import type { TAtRestMasking } from "../policy/mask-at-rest";
import { detectPii } from "../policy/pii/scan";
import type { TPiiType } from "../policy/pii/types";
import { describeCounts } from "../policy/rules/pii";
import type { TSimulatedMasking } from "./simulation.shared";

function countIn(value: unknown, types: readonly TPiiType[], into: Map<TPiiType, number>): number {
  let found = 0;
  for (const text of collectStrings(value)) {
    for (const d of detectPii(text, types)) {
      into.set(d.type, (into.get(d.type) ?? 0) + 1);
      found += 1;
    }
  }
  return found;
}

export function simulateMasking(masking: TAtRestMasking, input: unknown, outputs: readonly unknown[]): TSimulatedMasking {
  const counts = new Map<TPiiType, number>();
  if (masking.types.length === 0) return { count: 0, summary: "Masks at rest, but redacts or blocks no type of personal data: nothing would be masked." };
  const inInput = countIn(input, masking.types, counts);
  let inOutputs = 0;
  let outputsWith = 0;
  for (const output of outputs) {
    const found = countIn(output, masking.types, counts);
    inOutputs += found;
    if (found > 0) outputsWith += 1;
  }
  const count = inInput + inOutputs;
  if (count === 0) return { count, summary: "Nothing to mask at rest in its stored input and step outputs." };
  const where = [
    ...(inInput > 0 ? [`${inInput} in the run's input`] : []),
    ...(inOutputs > 0 ? [`${inOutputs} in ${outputsWith} step ${outputsWith === 1 ? "output" : "outputs"}`] : []),
  ].join(", ");
  const types = masking.types.filter((t) => (counts.get(t) ?? 0) > 0);
  return { count, summary: `Would be stored as placeholders: ${describeCounts(counts, types)} (${where}).` };
}
