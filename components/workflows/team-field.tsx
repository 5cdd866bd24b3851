import { FIELD, LABEL } from "./form-styles";

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

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  );
}
