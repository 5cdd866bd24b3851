// The run detail page while it loads: title and badges, the facts strip, and a few step rows.
export function RunDetailSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading" className="animate-pulse">
      <div className="h-4 w-16 rounded bg-slate-100" />
      <div className="mt-3 flex items-center gap-2">
        <div className="h-7 w-72 max-w-full rounded bg-slate-200" />
        <div className="h-5 w-20 rounded-full bg-slate-100" />
      </div>
      <div className="mt-2 h-4 w-64 max-w-full rounded bg-slate-100" />
      <div className="mt-5 grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i}>
            <div className="h-3 w-14 rounded bg-slate-100" />
            <div className="mt-2 h-4 w-24 rounded bg-slate-200" />
          </div>
        ))}
      </div>
      <div className="mt-8 h-5 w-20 rounded bg-slate-200" />
      <div className="mt-3 rounded-lg border border-slate-200 bg-white px-4">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="flex gap-3 border-b border-slate-100 py-4 last:border-0">
            <div className="h-8 w-8 rounded-md bg-slate-100" />
            <div className="flex-1">
              <div className="h-4 w-1/3 rounded bg-slate-200" />
              <div className="mt-2 h-3 w-1/2 rounded bg-slate-100" />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
