// Class names shared by the configuration panel's controls (Tailwind 4, slate palette, brand focus rings).

export const INPUT =
  "block w-full min-w-0 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm " +
  "placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 " +
  "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500 read-only:bg-slate-50 " +
  "aria-[invalid=true]:border-red-400 aria-[invalid=true]:focus:ring-red-100";

export const MONO = "font-mono text-[13px] leading-5";

export const SELECT = `${INPUT} pr-8`;

export const SMALL_BUTTON =
  "inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 " +
  "shadow-sm hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 disabled:cursor-not-allowed disabled:opacity-50";

export const ICON_BUTTON =
  "inline-flex h-7 w-7 shrink-0 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 " +
  "focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 disabled:cursor-not-allowed disabled:opacity-40 disabled:hover:bg-transparent";

export const CHECKBOX =
  "h-4 w-4 shrink-0 rounded border-slate-300 text-brand-600 accent-brand-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 disabled:cursor-not-allowed";

export const LABEL = "block text-xs font-medium text-slate-700";
