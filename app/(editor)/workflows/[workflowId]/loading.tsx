export default function Loading() {
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-slate-50" aria-busy="true">
      <p className="text-sm text-slate-500">Opening the workflow…</p>
    </div>
  );
}
