import type { ReactNode } from "react";
import { FIELD, LABEL } from "@/components/shell/form-styles";

// The fields that the New, Duplicate and Import dialogs share, and their error lines.

export type TTeamOption = { id: string; name: string };

/** The team a new workflow goes into: only teams where the person can build. */
export function TeamField({
  id,
  teams,
  value,
  onChange,
  error,
}: {
  id: string;
  teams: TTeamOption[];
  value: string;
  onChange: (teamId: string) => void;
  error?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className={LABEL}>
        Team
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={FIELD}
      >
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** The new workflow's name; `error` is the server's issue on "name". */
export function NameField({
  id,
  label,
  value,
  onChange,
  error,
  placeholder,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (name: string) => void;
  error?: string;
  placeholder?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        maxLength={120}
        autoComplete="off"
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={FIELD}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  );
}

/** Why the dialog's action failed, announced when it appears. */
export function FormError({ message, className }: { message: string | null | undefined; className?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className={className ? `${className} text-sm text-red-700` : "text-sm text-red-700"}>
      {message}
    </p>
  );
}
