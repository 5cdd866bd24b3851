import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { SettingsProvidersPage } from "./pages/settings-providers-page";
import { apiSignIn } from "./support/api-sign-in";
import { queryDb } from "./support/db";

// An organisation admin adds an OpenAI-compatible provider pointed at a stub server of this spec (on 127.0.0.1),
// tests the connection, breaks the key and sees the stub's 401 message, and meets the refusal to delete a provider
// whose models are in use. The stub speaks OpenAI's GET /v1/models and accepts one key only.

const GOOD_KEY = "sk-e2e-good-key-123456";
const REFUSAL = "Invalid API key: the stub accepts only its own key.";

async function startModelsStub(): Promise<{ origin: string; host: string; server: Server }> {
  const server = createServer((req, res) => {
    const isModels = req.method === "GET" && req.url === "/v1/models";
    const isAuthorized = req.headers.authorization === `Bearer ${GOOD_KEY}`;
    res.writeHead(!isModels ? 404 : isAuthorized ? 200 : 401, { "content-type": "application/json" });
    res.end(
      JSON.stringify(
        !isModels
          ? { error: { message: `No route ${req.method} ${req.url}` } }
          : isAuthorized
            ? { object: "list", data: [{ id: "llama3.1", object: "model" }, { id: "qwen2.5", object: "model" }] }
            : { error: { message: REFUSAL, type: "invalid_request_error", code: "invalid_api_key" } },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, server };
}

/**
 * The stub is a private address, which providers may call only when an admin allows private networks. Setup, not
 * part of the journey, so it is written straight into the e2e database, and left on (as e2e/builder.spec.ts does):
 * putting it back would race the Settings specs, which compare the setting before and after their own changes.
 */
async function allowPrivateNetworks() {
  await queryDb(
    `INSERT INTO "SystemSetting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = now()`,
    ["network.outbound", JSON.stringify({ allowPrivateNetworks: true, allowedHosts: [] })],
  );
}

test("an admin adds an OpenAI-compatible provider, tests it, sees a wrong key refused in the server's words, and deletes it", async ({ page, context }) => {
  test.setTimeout(60_000);
  const stub = await startModelsStub();
  try {
    await allowPrivateNetworks();
    await apiSignIn(context.request, "admin");
    const providers = new SettingsProvidersPage(page);
    await providers.goto();
    const name = `E2E local LLM ${Date.now().toString(36)}`;

    await providers.openAdd();
    const form = providers.formDialog();
    await form.getByLabel("Kind").selectOption({ label: "OpenAI-compatible" });
    await form.getByLabel("Name").fill(name);
    await form.getByRole("button", { name: "Add provider" }).click();
    await expect(form.getByText("Enter the server's base URL, such as http://localhost:11434/v1 for Ollama.")).toBeVisible();
    await form.getByLabel("Base URL").fill(`${stub.origin}/v1`);
    await form.getByLabel("API key (optional)").fill(GOOD_KEY);
    await form.getByRole("button", { name: "Add provider" }).click();

    // Saved: the connection test is offered at once.
    await expect(providers.testDialog(name)).toBeVisible();
    await expect(await providers.runTest(name)).toContainText(`Connected to ${stub.host}: 2 models available.`);
    await page.keyboard.press("Escape");
    const row = providers.row(name);
    await expect(row).toContainText("OpenAI-compatible");
    await expect(row).toContainText("••••3456");
    await expect(row).not.toContainText(GOOD_KEY);

    await row.getByRole("button", { name: `Edit ${name}` }).click();
    await expect(providers.formDialog().getByText("Stored: ••••3456.")).toBeVisible();
    await providers.formDialog().getByLabel("API key (optional)").fill("sk-e2e-wrong-key-000000");
    await providers.formDialog().getByRole("button", { name: "Save provider" }).click();
    await expect(providers.formDialog()).toBeHidden();
    await expect(row).toContainText("••••0000");
    await row.getByRole("button", { name: `Test connection to ${name}` }).click();
    await expect(await providers.runTest(name)).toContainText(`${stub.host} refused the credentials (HTTP 401): ${REFUSAL}`);
    await page.keyboard.press("Escape");

    await row.getByRole("button", { name: `Disable ${name}` }).click();
    await expect(row).toContainText("Disabled");

    await row.getByRole("button", { name: `Delete ${name}` }).click();
    await providers.deleteDialog(name).getByRole("button", { name: "Delete provider" }).click();
    await expect(providers.row(name)).toHaveCount(0);
  } finally {
    await new Promise<void>((resolve) => stub.server.close(() => resolve()));
  }
});

test("deleting a provider whose models are in use is refused with what uses them", async ({ page, context }) => {
  await apiSignIn(context.request, "admin");
  const providers = new SettingsProvidersPage(page);
  await providers.goto();
  // The seeded OpenAI provider (disabled, no key) carries the catalog's OpenAI models.
  await providers.row("OpenAI").getByRole("button", { name: "Delete OpenAI" }).click();
  const dialog = providers.deleteDialog("OpenAI");
  await dialog.getByRole("button", { name: "Delete provider" }).click();
  const alert = dialog.getByRole("alert");
  await expect(alert).toContainText('Provider "OpenAI" is in use:');
  await expect(alert.getByRole("heading", { name: "Models" })).toBeVisible();
  await expect(alert.getByRole("listitem").filter({ hasText: /^gpt-4o-mini$/ })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Delete provider" })).toBeDisabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(providers.row("OpenAI")).toBeVisible();
});
