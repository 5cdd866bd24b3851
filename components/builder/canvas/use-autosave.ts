"use client";
// Autosave of the draft: a quiet moment after each change, with the revision the page started from. A save from a
// stale tab is refused by the server (409) and autosave stops there: the person decides (reload, compare,
// overwrite), nothing is overwritten silently.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";
import type { TWorkflowGraph } from "@/server/workflows/graph.shared";
import { ApiRequestError, request } from "@/components/shell/api-client";
import { workflowPath } from "@/components/workflows/workflow-api";
import { isStaleDraft } from "../panels/builder-api";
import { problemsOf } from "../panels/read-problems";

const QUIET_MS = 800;
const RETRY_MS = 5000;

export type TSaveState =
  | { kind: "saved"; at: number | null }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "error"; message: string }
  | { kind: "conflict" };

export type TDraft = { graph: TWorkflowGraph; name: string };

type TOptions = {
  workflowId: string;
  draft: TDraft;
  initialRevision: number;
  isEnabled: boolean;
  onSaved: (result: { revision: number; problems: TGraphProblem[] }) => void;
};

type TSaveResponse = { draftRevision: number; problems: TGraphProblem[] };

export function useAutosave({ workflowId, draft, initialRevision, isEnabled, onSaved }: TOptions) {
  const [state, setState] = useState<TSaveState>({ kind: "saved", at: null });
  const revision = useRef(initialRevision);
  const savedKey = useRef(JSON.stringify(draft));
  const latest = useRef(draft);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const isStopped = useRef(false);
  /** The draft the server last refused (not a network failure): not sent again until it changes. */
  const failedKey = useRef<string | null>(null);
  const onSavedRef = useRef(onSaved);
  useEffect(() => {
    onSavedRef.current = onSaved;
    latest.current = draft;
  });

  const chain = useRef<Promise<void>>(Promise.resolve());
  const saveRef = useRef<() => Promise<unknown>>(() => Promise.resolve());
  const later = (ms: number) => {
    timer.current = setTimeout(() => void saveRef.current(), ms);
  };

  const saveOnce = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (isStopped.current) return;
    const body = latest.current;
    const key = JSON.stringify(body);
    if (key === savedKey.current) {
      setState((s) => (s.kind === "pending" ? { kind: "saved", at: Date.now() } : s));
      return;
    }
    setState({ kind: "saving" });
    try {
      const saved = await request<TSaveResponse>(`${workflowPath(workflowId)}/draft`, {
        method: "PUT",
        body: { graph: body.graph, name: body.name, revision: revision.current },
      });
      revision.current = saved.draftRevision;
      savedKey.current = key;
      onSavedRef.current({ revision: saved.draftRevision, problems: saved.problems });
      setState({ kind: "saved", at: Date.now() });
    } catch (e) {
      if (!(e instanceof ApiRequestError) || e.status === 0) {
        setState({ kind: "error", message: "Not saved: Baton could not be reached. Retrying…" });
        later(RETRY_MS);
      } else if (e.status >= 500) {
        setState({ kind: "error", message: `Not saved: ${e.message} Retrying…` });
        later(RETRY_MS);
      } else if (isStaleDraft(e)) {
        isStopped.current = true;
        setState({ kind: "conflict" });
      } else {
        const first = problemsOf(e)[0]?.message;
        setState({ kind: "error", message: first ? `${e.message} ${first}` : e.message });
        failedKey.current = key;
      }
    }
    // Changes made while this save was in flight are saved next (not the draft the server just refused).
    const latestKey = JSON.stringify(latest.current);
    if (!isStopped.current && latestKey !== savedKey.current && latestKey !== failedKey.current && !timer.current) {
      later(QUIET_MS);
    }
  }, [workflowId]);

  /** Saves now, after any save in flight; resolves with the saved revision (or the last one when saving failed). */
  const save = useCallback(async (): Promise<number> => {
    chain.current = chain.current.then(saveOnce);
    await chain.current;
    return revision.current;
  }, [saveOnce]);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  // Serialized once per draft (the editor keeps the draft's identity while only selection or sizes change).
  const key = useMemo(() => JSON.stringify(draft), [draft]);
  useEffect(() => {
    if (!isEnabled || isStopped.current) return;
    if (key === savedKey.current) return;
    setState((s) => (s.kind === "saving" || s.kind === "error" ? s : { kind: "pending" }));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), QUIET_MS);
  }, [key, isEnabled, save]);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (JSON.stringify(latest.current) !== savedKey.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  /** After the person compared and chose to keep their version: save over the newer draft on purpose. */
  const overwrite = useCallback(
    (currentRevision: number) => {
      revision.current = currentRevision;
      isStopped.current = false;
      void save();
    },
    [save],
  );

  /** After a reload or a restore: the server's draft is now the baseline. */
  const rebase = useCallback((next: TDraft, nextRevision: number) => {
    revision.current = nextRevision;
    savedKey.current = JSON.stringify(next);
    latest.current = next;
    isStopped.current = false;
    setState({ kind: "saved", at: Date.now() });
  }, []);

  return { state, save, overwrite, rebase };
}
