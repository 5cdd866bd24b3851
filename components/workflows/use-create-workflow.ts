"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { ApiRequestError } from "@/components/shell/api-client";
import { editorPath } from "./workflow-api";

/**
 * Creates a workflow (new, duplicate or import) and opens it in the editor. A refusal is kept, with the server's field
 * issues and graph problems, for the dialog to explain; the dialog stays busy until the editor has opened.
 */
export function useCreateWorkflow(failureMessage: string) {
  const router = useRouter();
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function create(call: () => Promise<string>): Promise<void> {
    setIsPending(true);
    setError(null);
    try {
      router.push(editorPath(await call()));
    } catch (e) {
      setError(e instanceof ApiRequestError ? e : new ApiRequestError(0, failureMessage));
      setIsPending(false);
    }
  }

  return { error, setError, isPending, create };
}
