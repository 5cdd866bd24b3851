import { expect, test, type APIRequestContext } from "@playwright/test";
import { SettingsModelsPage } from "./pages/settings-models-page";
import { apiSignIn } from "./support/api-sign-in";

// Settings → Models as the organisation admin: a model added to a seeded provider by a known id gets the price
// catalog's list prices filled in; a bad price is refused on its field; a price change shows in the model's price
// history; a model a route uses cannot be deleted, and the refusal says what uses it. The added model is deleted at
// the end (also when the test fails), so the spec can run again on the same database.

const MODEL_ID = "gpt-5-mini";

type TApiModel = { id: string; name: string; providerName: string };

async function removeAdded(request: APIRequestContext) {
  const res = await request.get("/api/models");
  const { models } = (await res.json()) as { models: TApiModel[] };
  for (const m of models.filter((x) => x.name === MODEL_ID && x.providerName === "OpenAI")) {
    await request.delete(`/api/models/${m.id}`);
  }
}

test.describe("Settings → Models as an organisation admin", () => {
  test.beforeEach(async ({ context }) => {
    await apiSignIn(context.request, "admin");
    await removeAdded(context.request);
  });
  test.afterEach(async ({ context }) => removeAdded(context.request));

  test("adds a model with catalog prices, changes its price and sees the history", async ({ page }) => {
    const models = new SettingsModelsPage(page);
    await models.goto();

    const add = await models.openAdd();
    await add.getByLabel("Provider").selectOption({ label: "OpenAI (disabled)" });
    await add.getByLabel("Model id").fill(MODEL_ID);
    await add.getByLabel("Model id").blur();
    await expect(add.getByRole("status")).toContainText("Filled in from the price catalog for GPT-5 mini");
    await expect(add.getByLabel("Display name")).toHaveValue("GPT-5 mini");
    await expect(add.getByLabel("Input price (USD / 1M tokens)", { exact: true })).toHaveValue("0.25");
    await expect(add.getByLabel("Cached-input price (USD / 1M tokens)")).toHaveValue("0.025");
    await expect(add.getByLabel("Output price (USD / 1M tokens)")).toHaveValue("2");
    await expect(add.getByLabel("Context window (tokens)")).toHaveValue("400000");
    await expect(add.getByRole("checkbox", { name: "Tool calls" })).toBeChecked();

    // A bad price is refused on its field, and nothing is sent.
    await add.getByLabel("Output price (USD / 1M tokens)").fill("-2");
    await add.getByRole("button", { name: "Add model" }).click();
    await expect(add.getByText("The output price cannot be negative.")).toBeVisible();
    await expect(add.getByLabel("Output price (USD / 1M tokens)")).toHaveAttribute("aria-invalid", "true");
    await add.getByLabel("Output price (USD / 1M tokens)").fill("2");
    await add.getByLabel("Tags").fill("approved, e2e");
    await add.getByRole("button", { name: "Add model" }).click();
    await expect(add).toBeHidden();

    const row = models.row("GPT-5 mini", "OpenAI");
    await expect(row).toContainText("$0.25");
    await expect(row).toContainText("$0.025");
    await expect(row).toContainText("#e2e");

    const edit = await models.openEdit("GPT-5 mini", "OpenAI");
    await expect(edit.getByRole("table", { name: "Price history" }).getByRole("row")).toHaveCount(2);
    await edit.getByLabel("Input price (USD / 1M tokens)", { exact: true }).fill("0.3");
    await edit.getByRole("button", { name: "Save model" }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText("$0.30");

    const again = await models.openEdit("GPT-5 mini", "OpenAI");
    const history = again.getByRole("table", { name: "Price history" }).getByRole("row");
    await expect(history).toHaveCount(3);
    await expect(history.nth(1)).toContainText("current");
    await expect(history.nth(1)).toContainText("$0.30");
    await expect(history.nth(1)).toContainText("Ada Admin");
    await expect(history.nth(2)).toContainText("$0.25");
    await again.getByRole("button", { name: "Cancel" }).click();

    await models.filter("e2e");
    await expect(models.table().getByRole("row")).toHaveCount(2);
  });

  test("refuses to delete a model a route uses, and lists what uses it", async ({ page }) => {
    const models = new SettingsModelsPage(page);
    await models.goto();
    const confirm = await models.openDelete("Sandbox Smart", "Sandbox (simulated)");
    await confirm.getByRole("button", { name: "Delete model" }).click();
    const alert = confirm.getByRole("alert");
    await expect(alert).toContainText('The model "Sandbox Smart" (sandbox-smart) is in use, so it cannot be deleted');
    await expect(alert.getByRole("list", { name: "What uses this model" })).toContainText("Route default-chat: one of its targets");
    await expect(confirm.getByRole("button", { name: "Delete model" })).toBeDisabled();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(models.row("Sandbox Smart", "Sandbox (simulated)")).toBeVisible();
  });
});
