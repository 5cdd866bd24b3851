// Ready-to-copy shell lines for a new API key: the key in an environment variable, and a request that uses it. The
// e2e test (e2e/api-keys.spec.ts) runs the lines exactly as the page shows them.
export const API_KEY_VARIABLE = "BATON_API_KEY";

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function apiKeyExport(secret: string): string {
  return `export ${API_KEY_VARIABLE}=${quote(secret)}`;
}

/** Starts a run of the workflow's published version with an empty input (runs:write). */
export function curlStartRun(origin: string, workflowId: string): string {
  return [
    `curl -X POST ${quote(`${origin}/api/workflows/${encodeURIComponent(workflowId)}/runs`)} \\`,
    `  -H "Authorization: Bearer $${API_KEY_VARIABLE}" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  --data-raw '{"input":{}}'`,
  ].join("\n");
}

/** Lists the workflow's versions (workflows:read). */
export function curlListVersions(origin: string, workflowId: string): string {
  return [
    `curl ${quote(`${origin}/api/workflows/${encodeURIComponent(workflowId)}/versions`)} \\`,
    `  -H "Authorization: Bearer $${API_KEY_VARIABLE}"`,
  ].join("\n");
}
