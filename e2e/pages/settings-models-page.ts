import { expect, type Locator, type Page } from "@playwright/test";

/** Settings → Models: the model table, the add / edit dialog with its price history, and the confirmations. */
export class SettingsModelsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/models");
    await expect(this.page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Models" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(this.table()).toBeVisible();
  }

  table(): Locator {
    return this.page.getByRole("table", { name: "Models" });
  }

  row(displayName: string, provider: string): Locator {
    return this.table().getByRole("row").filter({ hasText: displayName }).filter({ hasText: provider });
  }

  async filter(text: string) {
    await this.page.getByRole("searchbox", { name: "Filter models" }).fill(text);
  }

  dialog(title: string | RegExp): Locator {
    return this.page.getByRole("dialog", { name: title });
  }

  async openAdd(): Promise<Locator> {
    await this.page.getByRole("button", { name: "Add model" }).click();
    const dialog = this.dialog("Add a model");
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async openEdit(displayName: string, provider: string): Promise<Locator> {
    await this.page.getByRole("button", { name: `Edit ${displayName} (${provider})` }).click();
    const dialog = this.dialog(`Edit ${displayName}`);
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async openDelete(displayName: string, provider: string): Promise<Locator> {
    await this.page.getByRole("button", { name: `Delete ${displayName} (${provider})` }).click();
    const dialog = this.dialog(`Delete ${displayName}?`);
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
