"use client";

import { useEffect, useRef } from "react";
import { ApiRequestError, errorMessage } from "@/components/shell/api-client";
import { isStaleDraft } from "./builder-api";
import type { TNodeNames } from "./group-problems";
import { Alert } from "./panel-ui";
import { ProblemList } from "./problem-list";
import { problemsOf } from "./read-problems";
import { ReloadDraftButton, StaleDraftAlert } from "./stale-draft-alert";

type TProps = {
  error: unknown;
  /** "Not published", "The test run did not start"… */
  title: string;
  /** "Nothing was published." */
  consequence: string;
  nodeNames?: TNodeNames;
  onReload?: () => void;
};

function fixTitle(title: string, count: number): string {
  return `${title}: fix ${count === 1 ? "this problem" : `these ${count} problems`} first`;
}

/** Why an action on the draft was refused: a stale draft, the graph's problems by node, or the server's message. */
export function ActionError(props: TProps) {
  const ref = useRef<HTMLDivElement>(null);
  // In a long dialog the refusal appears below the fold: bring it into view, the Publish button stays in its footer.
  useEffect(() => {
    if (props.error) ref.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [props.error]);
  if (!props.error) return null;
  return (
    <div ref={ref} className="scroll-mb-4">
      <ErrorBody {...props} />
    </div>
  );
}

function ErrorBody({ error, title, consequence, nodeNames, onReload }: TProps) {
  if (isStaleDraft(error)) {
    return <StaleDraftAlert consequence={consequence} onReload={onReload} />;
  }
  const problems = problemsOf(error);
  if (problems.length > 0) {
    return <ProblemList problems={problems} nodeNames={nodeNames} title={fixTitle(title, problems.length)} />;
  }
  // Any other conflict (an archived or paused workflow, a publish of a draft changed since) is also cured by a reload.
  const isConflict = error instanceof ApiRequestError && error.status === 409;
  return (
    <Alert tone="red" title={title}>
      <p>{errorMessage(error)}</p>
      {isConflict ? <ReloadDraftButton onReload={onReload} /> : null}
    </Alert>
  );
}
