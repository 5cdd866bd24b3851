// Settings → Engine → Outbound network: the admin saves which hosts HTTP and MCP nodes and model providers may call. Audited.
import ipaddr from "ipaddr.js";
import { z } from "zod";
import type { TDb } from "../db/client";
import { parseOrThrow } from "../errors";
import { appendAudit } from "../audit/append";
import { assertCan, type TPrincipal } from "../auth/permissions";
import { OUTBOUND_SETTINGS_KEY, ZOutboundSettings, type TOutboundSettings } from "./outbound-settings.shared";
import { clearOutboundSettingsCache } from "./outbound-settings";
import { principalActor } from "../auth/actor";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Why `raw` is not an exact host or a `*.domain` pattern, or null when it is one. */
export function hostPatternProblem(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  const shown = `"${raw.trim().slice(0, 80)}"`;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(value) || value.includes("/")) {
    return `${shown}: enter the host only, without http:// or a path.`;
  }
  if (value.startsWith("[") || ipaddr.IPv6.isValid(value)) {
    return ipaddr.IPv6.isValid(value.replace(/^\[|\]$/g, "")) ? null : `${shown} is not a valid IPv6 address.`;
  }
  if (/:\d*$/.test(value)) return `${shown}: leave out the port; a host is allowed on every port.`;
  if (value === "*") return "To allow any public host, leave the list empty instead of using *.";
  const isWildcard = value.startsWith("*.");
  const domain = (isWildcard ? value.slice(2) : value).replace(/\.$/, "");
  if (domain.includes("*")) return `${shown}: a wildcard is allowed only as the first label, as in *.example.com.`;
  const labels = domain.split(".");
  if (domain.length > 253 || !labels.every((l) => LABEL.test(l))) {
    return `${shown} is not a valid host name. Use letters, digits, hyphens and dots, e.g. api.example.com.`;
  }
  if (isWildcard && labels.length < 2)
    return `${shown} is too broad: a wildcard must cover a domain, as in *.example.com.`;
  return null;
}

const ZHostPattern = z
  .string()
  .trim()
  .min(1, "Remove the empty entry.")
  .max(253, "A host name has at most 253 characters.")
  .superRefine((value, ctx) => {
    const problem = hostPatternProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((value) =>
    value
      .toLowerCase()
      .replace(/^\[|\]$/g, "")
      .replace(/\.$/, ""),
  );

/** The shared settings schema with every field required and each host checked (`allowedHosts.<i>` names the line). */
export const ZOutboundSettingsUpdate = z.strictObject({
  allowPrivateNetworks: z.boolean({ error: "Say whether private network addresses are allowed (true or false)." }),
  allowedHosts: z
    .array(ZHostPattern, { error: "Send the allowed hosts as a list of host names." })
    .max(500, "Allow at most 500 hosts; use a wildcard such as *.example.com for many subdomains.")
    .transform((hosts) => [...new Set(hosts)]),
});
export type TOutboundSettingsUpdate = z.input<typeof ZOutboundSettingsUpdate>;

function parseUpdate(input: unknown): TOutboundSettings {
  // The worker reads with the shared schema: what is stored must pass it.
  return ZOutboundSettings.parse(parseOrThrow(ZOutboundSettingsUpdate, input));
}

/** Validates and stores the organisation's outbound settings; audits what changed (nothing changed, no event). */
export async function saveOutboundSettings(
  db: TDb,
  principal: TPrincipal,
  input: unknown,
): Promise<{ settings: TOutboundSettings; isChanged: boolean }> {
  assertCan(principal, "settings:write");
  const next = parseUpdate(input);
  const saved = await db.$transaction(async (tx) => {
    const row = await tx.systemSetting.findUnique({ where: { key: OUTBOUND_SETTINGS_KEY }, select: { value: true } });
    // Like loadOutboundSettings: an unreadable row counts as the strict default.
    const before = ZOutboundSettings.catch({ allowPrivateNetworks: false, allowedHosts: [] }).parse(row?.value ?? {});
    const added = next.allowedHosts.filter((h) => !before.allowedHosts.includes(h));
    const removed = before.allowedHosts.filter((h) => !next.allowedHosts.includes(h));
    const isPrivateChanged = before.allowPrivateNetworks !== next.allowPrivateNetworks;
    const isOrderChanged = before.allowedHosts.join("\n") !== next.allowedHosts.join("\n");
    if (!isPrivateChanged && !isOrderChanged) return { settings: before, isChanged: false };
    await tx.systemSetting.upsert({
      where: { key: OUTBOUND_SETTINGS_KEY },
      create: { key: OUTBOUND_SETTINGS_KEY, value: next, updatedById: principal.id },
      update: { value: next, updatedById: principal.id },
    });
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: "settings.network_updated",
      resource: { type: "system_setting", id: OUTBOUND_SETTINGS_KEY },
      data: {
        allowPrivateNetworks: isPrivateChanged
          ? { from: before.allowPrivateNetworks, to: next.allowPrivateNetworks }
          : undefined,
        hostsAdded: added,
        hostsRemoved: removed,
      },
    });
    return { settings: next, isChanged: true };
  });
  // This process's outbound calls apply the change at once; other processes within the cache's TTL.
  clearOutboundSettingsCache(db);
  return saved;
}
