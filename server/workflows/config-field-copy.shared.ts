// Words people read in the node configuration panel: labels, help and option names per node type and field, where
// the schema's keys alone would read poorly ("slaHours", "n_of_m"). Keys are config paths with `*` for list items.
// Isomorphic: plain data and a humanizer, used by config-fields.shared.ts.

export type TFieldCopy = { label?: string; help?: string; placeholder?: string; options?: Record<string, string> };

const TEMPLATE_HELP = "Type {{ to insert data from earlier steps.";

export const FIELD_COPY: Record<string, Record<string, TFieldCopy>> = {
  "trigger.manual": {
    inputSchema: {
      label: "Input form (JSON Schema)",
      help: "Optional: the fields people fill in when they start a run by hand.",
    },
    sampleInput: { label: "Sample input (JSON)", help: "Pre-filled input for test runs from the canvas." },
  },
  "trigger.webhook": {
    auth: { label: "Authentication" },
    responseMode: { label: "Response" },
    waitTimeoutMs: { label: "Wait for the result at most (ms)" },
  },
  "trigger.schedule": {
    cron: {
      label: "Cron expression",
      placeholder: "0 9 * * 1-5",
      help: "Minute, hour, day of month, month, day of week.",
    },
    timezone: { label: "Time zone", placeholder: "Europe/Paris" },
    input: { label: "Input (JSON)", help: "Optional: becomes trigger.body of each scheduled run." },
  },
  "trigger.event": {
    source: {
      label: "Start when",
      options: { workflow: "Another workflow's run ends", app: "An app publishes an event" },
    },
    "source.on": {
      label: "Run outcome",
      options: { succeeded: "Succeeded", failed: "Failed", finished: "Finished (either)" },
    },
    "source.eventName": { label: "Event name", placeholder: "incident.created" },
  },
  "ai.llm": {
    model: { label: "Model", help: "One model, or a named route that falls back to other models." },
    systemPrompt: { help: `Instructions for the model; left out when empty. ${TEMPLATE_HELP}` },
    prompt: { help: `What to ask. ${TEMPLATE_HELP}` },
    temperature: { help: "0 gives focused, repeatable answers; 2 the most varied." },
    maxTokens: { label: "Max answer tokens" },
    outputSchema: {
      label: "Output schema (JSON Schema)",
      help: 'Optional. The answer must then be JSON matching this object schema ({"type": "object", …}); it is in output.json.',
    },
  },
  "ai.classifier": {
    labels: {
      help: "Each label is an output of the node. Its description tells the model (or the keyword scorer) what belongs there.",
    },
    "labels.*.id": { label: "Label (output name)", placeholder: "billing" },
    input: { label: "Text to classify", help: TEMPLATE_HELP },
    model: { label: "Model", help: "Used in LLM mode." },
    minConfidence: { label: "Minimum confidence", help: "Below this (0 to 1) the text goes to Fallback." },
  },
  "ai.sentiment": {
    input: { label: "Text", help: TEMPLATE_HELP },
    negativeThreshold: { help: "Scores at or below this are negative (scores run from -1 to 1)." },
    positiveThreshold: { help: "Scores at or above this are positive." },
  },
  "ai.entities": {
    input: { label: "Text", help: TEMPLATE_HELP },
    entityTypes: { label: "Entity types" },
    piiKinds: { label: "Personal data to find" },
    redact: {
      label: "Also return the text redacted",
      help: "Adds redactedText, with each personal value replaced by its kind, e.g. [EMAIL].",
    },
  },
  "ai.retrieval": {
    query: { label: "Search query", help: TEMPLATE_HELP },
    match: { label: "Match" },
    topK: { label: "Number of results" },
    minScore: {
      label: "Minimum score",
      help: "Optional: matches scoring below this are left out (scores are typically 0 to 1).",
    },
  },
  "tool.http": {
    url: { label: "URL", help: TEMPLATE_HELP },
    headers: { help: "Values are templates: {{ }} inserts data from earlier steps." },
    query: { label: "Query parameters", help: "Added to any query already in the URL. Values are templates." },
    bodyType: {
      label: "Body",
      help: "When not chosen: the expression if one is set, else the JSON body if one is set, else none.",
    },
    body: { label: "Body template", help: "JSON or text. A {{ }} that is a whole JSON string value keeps its type." },
    bodyExpression: { label: "Body expression (JSONata)", help: 'Builds the JSON body, e.g. {"id": trigger.body.id}.' },
    allowedHosts: {
      label: "Allowed hosts",
      help: "Optional, one per line: narrows the organisation's allowed hosts (api.example.com or *.example.com).",
    },
    responseType: { label: "Read the response as" },
    failOnHttpError: {
      label: "Fail on HTTP errors (4xx and 5xx)",
      help: "When off, the status is part of the output.",
    },
  },
  "tool.mcp": {
    serverUrl: {
      label: "Server URL",
      help: "The server's streamable HTTP endpoint, e.g. https://tools.example.com/mcp.",
    },
    arguments: {
      label: "Tool arguments",
      help: 'Each value is a JSONata expression (trigger.body.amount, "fixed text", 42), or a {{ }} template.',
    },
    allowedHosts: { label: "Allowed hosts", help: "Optional, one per line (tools.example.com or *.example.com)." },
    continueOnToolError: { label: "Continue when the tool reports an error" },
  },
  "tool.code": {
    code: {
      label: "JavaScript",
      help: "A function body receiving input (trigger, nodes, item, index); end with return <value>.",
    },
    timeoutMs: { label: "Time limit (ms)" },
    memoryLimitMb: { label: "Memory limit (MB)" },
  },
  "tool.transform": {
    expression: {
      label: "Expression (JSONata)",
      help: 'Its value is the step\'s output, e.g. {"total": $sum(nodes.fetch.output.body.items.price)}.',
    },
  },
  "control.condition": {
    condition: { label: "Condition (JSONata)", help: "True goes out of True, anything else out of False." },
  },
  "control.switch": {
    cases: { help: "Each case is an output of the node; anything no case matches goes to Default." },
    "cases.*.id": { label: "Output id", placeholder: "case_1" },
    "cases.*.when": { label: "Condition (JSONata)", placeholder: "nodes.score.output.risk > 0.8" },
    match: { label: "Fire" },
  },
  "control.parallel": { branches: { label: "Branches" } },
  "control.join": {
    mode: {
      label: "Wait for",
      options: { all: "All branches taken", any: "The first branch", n_of_m: "A number of branches" },
    },
    n: { label: "Number of branches" },
  },
  "control.loop": {
    items: {
      label: "Items (JSONata)",
      help: "An expression giving a list, e.g. trigger.body.orders. Inside the loop, use item and index.",
    },
    concurrency: { label: "Items at the same time" },
    maxItems: { label: "At most items" },
  },
  "control.delay": {
    mode: { label: "Wait", options: { duration: "For a duration", until: "Until a date and time" } },
    durationMs: { label: "Duration (ms)", help: "60000 is one minute; 3600000 one hour." },
    until: { label: "Until (JSONata)", help: "An expression giving an ISO date and time, e.g. trigger.body.dueAt." },
  },
  "control.subworkflow": {
    input: { label: "Input (JSONata)", help: "Becomes the called workflow's trigger.body." },
  },
  "control.approval": {
    title: { help: "What the approver reads first. Type {{ to insert data from earlier steps." },
    details: { label: "Details (JSONata)", help: "What the approver needs to see." },
    assigneeRole: { label: "Who decides" },
    slaHours: { label: "Deadline (hours)", help: "Optional: after it, the run goes on through Timed out." },
  },
  "control.output": {
    value: { label: "Result (JSONata)", help: "What the run returns, e.g. nodes.draft.output." },
  },
};

/** Node settings (retries, timeout, failure handling), common to every node type. */
export const SETTINGS_COPY: Record<string, TFieldCopy> = {
  retry: { label: "Retries" },
  "retry.maxAttempts": { label: "Attempts", help: "Including the first; 1 means no retry." },
  "retry.backoffMs": { label: "First retry after (ms)", help: "Doubles with each attempt, with jitter." },
  "retry.maxBackoffMs": { label: "Longest wait between attempts (ms)" },
  "retry.deadlineMs": {
    label: "Retry deadline (ms)",
    help: "Counted from the first attempt (default 600000, 10 min): no retry, nor a wait for a host or provider to recover, may start later. Waiting for an open circuit breaker uses up no attempt.",
  },
  "retry.retryOn": {
    label: "Retry on",
    help: "Temporary errors: timeouts, network errors, 429 and 5xx answers.",
    options: { retryable: "Temporary errors only", all: "Any error" },
  },
  timeoutMs: { label: "Step timeout (ms)", help: "Each attempt is stopped, and fails, when it takes longer." },
  onError: {
    label: "When the step fails",
    options: {
      fail: "Fail the run",
      continue: "Continue (the output holds the error)",
      route: "Go out of the error output",
    },
  },
};

const ACRONYMS: Record<string, string> = {
  url: "URL",
  urls: "URLs",
  http: "HTTP",
  json: "JSON",
  sla: "SLA",
  mcp: "MCP",
  pii: "PII",
  llm: "LLM",
  ip: "IP",
  ipv4: "IPv4",
  iban: "IBAN",
  ssn: "SSN",
  us: "US",
  k: "K",
  n: "n",
};
const UNITS: Record<string, string> = { ms: "ms", mb: "MB", hours: "hours", seconds: "s" };

/** "maxTokens" → "Max tokens", "timeoutMs" → "Timeout (ms)", "credentialId" → "Credential", "n_of_m" → "N of m". */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  if (words.length === 0) return key;
  let unit = "";
  const last = words[words.length - 1] ?? "";
  const lastUnit = UNITS[last];
  if (words.length > 1 && lastUnit) {
    unit = ` (${lastUnit})`;
    words.pop();
  } else if (words.length > 1 && last === "id") {
    words.pop();
  }
  const text = words.map((word) => ACRONYMS[word] ?? word).join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${unit}`;
}
