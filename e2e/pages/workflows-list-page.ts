import { expect, type Locator, type Page } from "@playwright/test";

/** The workflows list (/workflows): filters, rows and their actions, and the New / Import / Duplicate / Archive dialogs. */
export class WorkflowsListPage {
  constructor(private readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/workflows${query}`);
    await expect(this.page.getByRole("heading", { name: "Workflows", level: 1 })).toBeVisible();
  }

  /** Sets the filters given (by their visible labels) and applies them. */
  async filter({ status, owner, search }: { status?: string; owner?: string; search?: string }) {
    if (search !== undefined) await this.page.getByRole("searchbox", { name: "Search" }).fill(search);
    if (status !== undefined) await this.page.getByLabel("Status").selectOption({ label: status });
    if (owner !== undefined) await this.page.getByLabel("Owner").selectOption({ label: owner });
    await this.page.getByRole("button", { name: "Apply" }).click();
    await expect(this.page).toHaveURL(/[?&]q=/);
  }

  table(): Locator {
    return this.page.getByRole("table", { name: "Workflows" });
  }

  rows(): Locator {
    // The header row has no cells.
    return this.table().getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  row(name: string): Locator {
    return this.rows().filter({ has: this.page.getByText(name, { exact: true }) });
  }

  emptyState(): Locator {
    return this.page.getByRole("heading", { name: "No workflows match these filters" });
  }

  async rowAction(name: string, action: "Export JSON" | "Duplicate…" | "Archive…" | "Restore") {
    await this.row(name).getByRole("button", { name: `Actions for ${name}` }).click();
    const menu = this.page.getByRole("menu", { name: `Actions for ${name}` });
    await expect(menu).toBeVisible();
    await menu.getByRole("menuitem", { name: action }).click();
  }

  dialog(title: string | RegExp): Locator {
    return this.page.getByRole("dialog", { name: title });
  }

  async openNewWorkflow(): Promise<Locator> {
    await this.page.getByRole("button", { name: "New workflow" }).click();
    const dialog = this.dialog("New workflow");
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async openImport(): Promise<Locator> {
    await this.page.getByRole("button", { name: "Import", exact: true }).click();
    const dialog = this.dialog("Import a workflow");
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Waits for the app to open a workflow (the editor) and returns its id. */
  async expectOpenedWorkflow(notId?: string): Promise<string> {
    await expect(this.page).toHaveURL(/\/workflows\/[A-Za-z0-9_-]+$/);
    const id = new URL(this.page.url()).pathname.split("/").pop()!;
    if (notId) expect(id).not.toBe(notId);
    return id;
  }
}
