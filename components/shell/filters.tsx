import type { ReactNode } from "react";
import Link from "next/link";
import { Search } from "lucide-react";

// Filters are plain GET forms: they work without JavaScript, the URL is shareable, and the server validates them.

const FIELD =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100";

export function FilterBar({
  children,
  clearHref,
  isFiltered,
}: {
  children: ReactNode;
  clearHref: string;
  isFiltered: boolean;
}) {
  return (
    <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      {children}
      <button
        type="submit"
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
      >
        Apply
      </button>
      {isFiltered ? (
        <Link
          href={clearHref}
          className="px-1 py-1.5 text-sm text-slate-500 underline-offset-2 hover:text-slate-800 hover:underline"
        >
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}

type TFieldProps = { name: string; label: string; value?: string; placeholder?: string };

export function SearchField({ name, label, value, placeholder }: TFieldProps) {
  return (
    <label className="flex min-w-0 flex-1 basis-56 flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <span className="relative">
        <Search
          aria-hidden="true"
          className="pointer-events-none absolute left-2.5 top-1/2 h-4 w-4 -translate-y-1/2 text-slate-400"
        />
        <input
          type="search"
          name={name}
          defaultValue={value}
          placeholder={placeholder}
          maxLength={100}
          className={`${FIELD} w-full pl-8`}
        />
      </span>
    </label>
  );
}

type TOption = { value: string; label: string };

export function SelectField({
  name,
  label,
  value,
  options,
  allLabel,
}: {
  name: string;
  label: string;
  value?: string;
  options: TOption[];
  allLabel: string;
}) {
  return (
    <label className="flex w-full flex-col gap-1 text-xs font-medium text-slate-600 sm:w-auto">
      {label}
      <select name={name} defaultValue={value ?? ""} className={`${FIELD} w-full pr-8 sm:max-w-[16rem]`}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function TextField({ name, label, value, placeholder }: TFieldProps) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <input type="text" name={name} defaultValue={value} placeholder={placeholder} maxLength={60} className={FIELD} />
    </label>
  );
}
