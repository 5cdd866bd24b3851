import { z } from "zod";

// The admin's outbound-network settings (Settings → Network), stored as one SystemSetting row. Isomorphic, so the
// settings form can validate with the same schema the worker reads with.

export const OUTBOUND_SETTINGS_KEY = "network.outbound";

export const ZOutboundSettings = z.object({
  /** Lets HTTP and MCP nodes and model providers reach private, loopback and link-local addresses. Cloud metadata stays blocked. */
  allowPrivateNetworks: z.boolean().default(false),
  /** Exact hosts or `*.example.com`; empty means any public host. */
  allowedHosts: z.array(z.string().trim().min(1).max(253)).max(500).default([]),
});
export type TOutboundSettings = z.infer<typeof ZOutboundSettings>;
