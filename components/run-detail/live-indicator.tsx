/** "Live" while the event stream is open; "Connecting…" while an active run has none (the page polls meanwhile). */
export function LiveIndicator({ isConnected }: { isConnected: boolean }) {
  return (
    <span
      role="status"
      aria-label="Live updates"
      title={
        isConnected ? "Updates appear as they happen" : "Waiting for the live connection; refreshing every few seconds"
      }
      className={
        isConnected
          ? "inline-flex items-center gap-1.5 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-inset ring-emerald-200"
          : "inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-500 ring-1 ring-inset ring-slate-200"
      }
    >
      <span aria-hidden="true" className="relative flex h-2 w-2">
        {isConnected ? (
          <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-emerald-400 opacity-75" />
        ) : null}
        <span
          className={`relative inline-flex h-2 w-2 rounded-full ${isConnected ? "bg-emerald-500" : "bg-slate-400"}`}
        />
      </span>
      {isConnected ? "Live" : "Connecting…"}
    </span>
  );
}
