import type { TNodeType } from "../workflows/graph.shared";

// How generated steps fail, by node type: NodeError codes the executors report, with messages written for the demo
// (not the executors' exact wording). None is a policy decision: those come from the policy engine
// (history-governance.ts).

// `isBilled`: the provider did answer (and charge) before the step failed; otherwise no usage was reported.
type TFailure = { error: string; errorCode: string; afterMs: [number, number]; isBilled?: boolean };

export const FAILURES: Partial<Record<TNodeType, TFailure[]>> = {
  "ai.llm": [
    {
      error: "Sandbox (simulated) returned 503: the model is currently overloaded (after 3 attempts)",
      errorCode: "UPSTREAM",
      afterMs: [2500, 6000],
    },
    {
      error: "Model output did not match the response schema: missing required property",
      errorCode: "INVALID_OUTPUT",
      afterMs: [900, 2500],
      isBilled: true,
    },
  ],
  "ai.classifier": [
    {
      error: "Sandbox (simulated) returned 429: rate limit reached (after 3 attempts)",
      errorCode: "RATE_LIMITED",
      afterMs: [1500, 4000],
    },
  ],
  "ai.retrieval": [
    { error: "Knowledge base query timed out after 5000 ms", errorCode: "TIMEOUT", afterMs: [5000, 5000] },
  ],
  "tool.http": [
    { error: "Upstream answered 502 Bad Gateway (after 3 attempts)", errorCode: "HTTP_5XX", afterMs: [800, 3000] },
    { error: "Request timed out after 10000 ms", errorCode: "TIMEOUT", afterMs: [10_000, 10_000] },
    { error: "Upstream answered 401 Unauthorized: check the credential", errorCode: "HTTP_4XX", afterMs: [60, 300] },
  ],
  "tool.code": [
    {
      error: "TypeError: Cannot read properties of undefined (reading 'deployment')",
      errorCode: "CODE_ERROR",
      afterMs: [5, 30],
    },
  ],
};
