"use client";

import { useState } from "react";
import { Plus } from "lucide-react";
import { BUTTON } from "@/components/shell/form-styles";
import { ModalDialog } from "@/components/shell/modal-dialog";
import type { TNewPolicyOptions } from "@/server/policies/policy-form.shared";
import { NewPolicyForm } from "./new-policy-form";

export function NewPolicyButton({ options }: { options: TNewPolicyOptions }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button type="button" className={BUTTON.primary} onClick={() => setIsOpen(true)}>
        <Plus aria-hidden="true" className="h-4 w-4" />
        New policy
      </button>
      <ModalDialog
        isOpen={isOpen}
        onClose={() => setIsOpen(false)}
        title="New policy"
        description="A policy is a set of rules the engine checks before and after every model and tool call it covers."
        size="xl"
      >
        <NewPolicyForm options={options} onCancel={() => setIsOpen(false)} />
      </ModalDialog>
    </>
  );
}
