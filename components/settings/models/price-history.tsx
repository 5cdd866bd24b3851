import { DateTime } from "@/components/shell/date-time";
import type { TModelPriceItem } from "@/server/settings/settings.shared";
import { priceText } from "./price-text";

/** A model's prices over time, newest first: each applied to calls from its date until the next one. */
export function PriceHistory({ prices }: { prices: TModelPriceItem[] }) {
  return (
    <section aria-labelledby="price-history-heading" className="rounded-lg border border-slate-200">
      <h3 id="price-history-heading" className="border-b border-slate-200 bg-slate-50 px-3 py-2 text-sm font-semibold text-slate-800">
        Price history
      </h3>
      {prices.length === 0 ? (
        <p className="px-3 py-2 text-sm text-slate-500">No price was recorded for this model yet; the next price change starts its history.</p>
      ) : (
        <table aria-label="Price history" className="min-w-full text-sm">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-1.5 font-medium">From</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Input / 1M</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Cached / 1M</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Output / 1M</th>
              <th scope="col" className="px-3 py-1.5 font-medium">Saved by</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {prices.map((p, i) => (
              <tr key={`${p.validFrom}-${i}`}>
                <td className="px-3 py-1.5">
                  <DateTime value={p.validFrom} />
                  {i === 0 ? <span className="ml-1.5 text-xs text-emerald-700">current</span> : null}
                </td>
                <td className="px-3 py-1.5 text-right tabular-nums">{priceText(p.inputPricePerMTok)}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{priceText(p.cachedInputPricePerMTok)}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{priceText(p.outputPricePerMTok)}</td>
                <td className="px-3 py-1.5 text-slate-600">{p.createdByName ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-500">
        A price applies to calls made from its date on; steps that ran before keep the cost they were charged.
      </p>
    </section>
  );
}
