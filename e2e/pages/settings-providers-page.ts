import { expect, type Page } from "@playwright/test";

/** Settings → Providers: the table, the add/edit form, the connection test and the delete confirmation. */
export class SettingsProvidersPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/providers");
    await expect(this.table()).toBeVisible();
  }

  table() {
    return this.page.getByRole("table", { name: "Providers" });
  }

  row(name: string) {
    return this.table().getByRole("row").filter({ has: this.page.getByText(name, { exact: true }) });
  }

  formDialog() {
    return this.page.getByRole("dialog", { name: /^(Add a provider|Edit )/ });
  }

  testDialog(name: string) {
    return this.page.getByRole("dialog", { name: `Test connection: ${name}` });
  }

  deleteDialog(name: string) {
    return this.page.getByRole("dialog", { name: `Delete ${name}?` });
  }

  async openAdd() {
    await this.page.getByRole("button", { name: "Add provider" }).click();
    await expect(this.formDialog()).toBeVisible();
  }

  /** Runs the test in the open test dialog and returns the status line. */
  async runTest(name: string) {
    const dialog = this.testDialog(name);
    await dialog.getByRole("button", { name: "Test connection" }).click();
    const status = dialog.getByRole("status");
    await expect(status).not.toBeEmpty();
    return status;
  }
}
