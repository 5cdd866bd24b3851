import { formatDateTime } from "../format";

/** A timestamp in UTC, with the exact ISO value on hover and in the markup. */
export function DateTime({ value }: { value: string | null }) {
  if (!value) return <span className="text-slate-400">—</span>;
  return (
    <time dateTime={value} title={`${value.replace("T", " ").slice(0, 19)} UTC`} className="whitespace-nowrap">
      {formatDateTime(value)}
    </time>
  );
}
