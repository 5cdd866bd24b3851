// Test-only: the providers, models and routes the gateway and AI node tests call, in a cloned test database.
// A zero-latency Sandbox, and two OpenAI-compatible providers pointing at loopback stubs (test/llm-stub.ts), which the
// outbound guard lets through only because the fixtures allow private networks, as an admin would.
import { randomBytes } from "node:crypto";
import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import { encryptSecret } from "../crypto/secret-box";
import { allowPrivateNetworks } from "@/test/outbound-settings";

export const STUB_API_KEY = "sk-test-primary-0123456789";
export const STUB_PRICES = { input: "2.5", output: "10" } as const;

export type TModelFixtures = {
  teamId: string;
  sandboxProviderId: string;
  sandboxModelId: string;
  primaryProviderId: string;
  primaryModelId: string;
  backupModelId: string;
  /** Route names: "<prefix>-fallback" (primary, then backup) and "<prefix>-sandbox" (the Sandbox model). */
  fallbackRoute: string;
  sandboxRoute: string;
};

export async function createModelFixtures(
  db: TDb,
  stubs: { primaryUrl: string; backupUrl: string },
): Promise<TModelFixtures> {
  const tag = randomBytes(3).toString("hex");
  await allowPrivateNetworks(db);
  const team = await db.team.create({ data: { slug: `team-${tag}`, name: `Team ${tag}` } });
  const sandbox = await db.provider.create({
    data: { name: `Sandbox ${tag}`, kind: "sandbox", settings: { latencyMs: 0, latencyJitterMs: 0, errorRate: 0 } },
  });
  const primary = await db.provider.create({
    data: {
      name: `Primary ${tag}`,
      kind: "openai_compatible",
      baseUrl: stubs.primaryUrl,
      encryptedCredentials: encryptSecret({ apiKey: STUB_API_KEY }),
    },
  });
  const backup = await db.provider.create({
    data: { name: `Backup ${tag}`, kind: "openai_compatible", baseUrl: stubs.backupUrl },
  });
  const model = (providerId: string, name: string, input: string, output: string) =>
    db.model.create({
      data: {
        providerId,
        name,
        displayName: name,
        inputPricePerMTok: new Prisma.Decimal(input),
        outputPricePerMTok: new Prisma.Decimal(output),
        contextWindow: 128_000,
        capabilities: ["chat", "json_schema"],
      },
    });
  const sandboxModel = await model(sandbox.id, "sandbox-fast", "0.15", "0.6");
  const primaryModel = await model(primary.id, `primary-model-${tag}`, STUB_PRICES.input, STUB_PRICES.output);
  const backupModel = await model(backup.id, `backup-model-${tag}`, "0.4", "1.6");
  const fallbackRoute = `route-${tag}-fallback`;
  const sandboxRoute = `route-${tag}-sandbox`;
  await db.route.create({
    data: {
      name: fallbackRoute,
      strategy: "fallback",
      targets: [{ modelId: primaryModel.id }, { modelId: backupModel.id }],
    },
  });
  await db.route.create({
    data: { name: sandboxRoute, strategy: "fallback", targets: [{ modelId: sandboxModel.id }] },
  });
  return {
    teamId: team.id,
    sandboxProviderId: sandbox.id,
    sandboxModelId: sandboxModel.id,
    primaryProviderId: primary.id,
    primaryModelId: primaryModel.id,
    backupModelId: backupModel.id,
    fallbackRoute,
    sandboxRoute,
  };
}
