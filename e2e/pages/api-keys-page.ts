import { expect, type Locator, type Page } from "@playwright/test";

/** Settings → API keys. */
export class ApiKeysPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/api-keys");
    await this.expectLoaded();
  }

  async expectLoaded() {
    await expect(
      this.page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "API keys" }),
    ).toHaveAttribute("aria-current", "page");
  }

  createDialog(): Locator {
    return this.page.getByRole("dialog", { name: "New API key" });
  }

  createdDialog(name: string): Locator {
    return this.page.getByRole("dialog", { name: `API key “${name}” created` });
  }

  scope(name: string): Locator {
    return this.createDialog().getByRole("checkbox", { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) });
  }

  /** Fills and submits the create form; the created dialog is open afterwards. */
  async create(input: { name: string; team: string; scopes: string[] }) {
    await this.page.getByRole("button", { name: "New API key" }).click();
    const dialog = this.createDialog();
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Name", { exact: true }).fill(input.name);
    await dialog.getByLabel("Team", { exact: true }).selectOption({ label: input.team });
    for (const scope of input.scopes) await this.scope(scope).check();
    await dialog.getByRole("button", { name: "Create key" }).click();
    await expect(this.createdDialog(input.name)).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: name });
  }

  async revoke(name: string) {
    await this.row(name).getByRole("button", { name: `Revoke ${name}` }).click();
    const confirm = this.page.getByRole("dialog", { name: `Revoke “${name}”?` });
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await expect(confirm).toBeHidden();
  }
}
