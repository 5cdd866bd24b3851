"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { ArrowLeft, Power, PowerOff, Trash2 } from "lucide-react";
import { Badge, FlagBadge } from "@/components/shell/badge";
import { DateTime } from "@/components/shell/date-time";
import { BUTTON } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import { PageHeader } from "@/components/shell/page-header";
import { GeneratedTag, SEEDED_TITLE } from "@/components/shell/status-badge";
import type { TPolicyDetail } from "@/server/policies/policy-detail.shared";
import { deletePolicy, updatePolicy } from "../policy-api";

type TProps = { policy: TPolicyDetail; onChanged: (next: TPolicyDetail) => void };

/** Name, scope and state of the policy, with enable/disable and delete (only a disabled policy can be deleted). */
export function PolicyHeader({ policy, onChanged }: TProps) {
  const router = useRouter();
  const [isDeleting, setIsDeleting] = useState(false);
  const toggle = useMutation({ mutationFn: (isEnabled: boolean) => updatePolicy(policy.id, { isEnabled }), onSuccess: onChanged });
  const remove = useMutation({
    mutationFn: () => deletePolicy(policy.id),
    onSuccess: () => {
      router.push("/policies");
      router.refresh();
    },
  });
  const current = policy.currentVersion;
  const actions = policy.canWrite ? (
    <>
      <button
        type="button"
        className={BUTTON.secondary}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate(!policy.isEnabled)}
      >
        {policy.isEnabled ? <PowerOff aria-hidden="true" className="h-4 w-4" /> : <Power aria-hidden="true" className="h-4 w-4" />}
        {policy.isEnabled ? "Disable" : "Enable"}
      </button>
      <button
        type="button"
        className={BUTTON.secondary}
        disabled={policy.isEnabled}
        title={policy.isEnabled ? "Disable the policy before deleting it." : undefined}
        onClick={() => (remove.reset(), setIsDeleting(true))}
      >
        <Trash2 aria-hidden="true" className="h-4 w-4" /> Delete
      </button>
    </>
  ) : null;
  return (
    <>
      <Link href="/policies" className="mb-2 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
        <ArrowLeft aria-hidden="true" className="h-4 w-4" /> Policies
      </Link>
      <PageHeader title={policy.name} description={policy.description || undefined} actions={actions} />
      <div className="-mt-3 mb-5 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-slate-600">
        <span className="inline-flex items-center gap-1.5">
          Applies to {policy.scope.kind === "org" ? <Badge tone="violet">{policy.scope.label}</Badge> : <Badge>{policy.scope.label}</Badge>}
        </span>
        <FlagBadge isOn={policy.isEnabled} />
        {current ? (
          <span>
            Current version <span className="font-medium text-slate-900">v{current.number}</span>, published <DateTime value={current.createdAt} />
            {current.isGenerated ? (
              <>
                {" "}by the demo seed <GeneratedTag title={SEEDED_TITLE} />
              </>
            ) : current.createdByName ? (
              ` by ${current.createdByName}`
            ) : (
              ""
            )}
          </span>
        ) : (
          <span>Never published: it enforces nothing until a draft is published.</span>
        )}
        {policy.isEnabled ? null : <span>Disabled: the engine ignores it.</span>}
        {policy.canWrite ? null : <Badge tone="slate">Read only</Badge>}
      </div>
      {current && current.problems.length > 0 ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          The current version cannot be read ({current.problems[0]!.path}: {current.problems[0]!.message})
          {policy.isEnabled ? ", so every call it covers is refused until a valid version is published or it is disabled." : "; it is disabled."}
        </p>
      ) : null}
      {toggle.error ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {toggle.error.message}
        </p>
      ) : null}
      <ModalDialog
        isOpen={isDeleting}
        onClose={() => setIsDeleting(false)}
        title={`Delete ${policy.name}?`}
        description="The policy and all its versions are deleted. Decisions it took stay on the runs and in the audit trail."
        hasCloseButton={false}
      >
        {remove.error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {remove.error.message}
          </p>
        ) : null}
        <ModalActions
          onCancel={() => setIsDeleting(false)}
          onConfirm={() => remove.mutate()}
          confirmLabel="Delete policy"
          pendingLabel="Deleting…"
          isPending={remove.isPending || remove.isSuccess}
          tone="danger"
          icon={<Trash2 aria-hidden="true" className="h-4 w-4" />}
        />
      </ModalDialog>
    </>
  );
}
