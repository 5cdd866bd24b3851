import { expect, type Locator, type Page } from "@playwright/test";

/** The Policies list, as far as creating a policy goes. */
export class PoliciesListPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/policies");
    await expect(this.page.getByRole("heading", { name: "Policies", level: 1 })).toBeVisible();
  }

  /** Creates a policy through the "New policy" dialog and returns its id (the editor opens on it). */
  async create(name: string, scope: string, description = ""): Promise<string> {
    await this.page.getByRole("button", { name: "New policy" }).click();
    const dialog = this.page.getByRole("dialog", { name: "New policy" });
    await dialog.getByLabel("Name").fill(name);
    if (description) await dialog.getByLabel("Description").fill(description);
    await dialog.getByLabel("Applies to").selectOption({ label: scope });
    await dialog.getByRole("button", { name: "Create policy" }).click();
    await expect(this.page).toHaveURL(/\/policies\/[^/?]+$/);
    await expect(this.page.getByRole("heading", { name, level: 1 })).toBeVisible();
    return new URL(this.page.url()).pathname.split("/").pop()!;
  }
}

/** The policy editor: rules as a form or JSON, save, simulate, publish, versions, enable and delete. */
export class PolicyEditorPage {
  constructor(private readonly page: Page) {}

  async goto(policyId: string) {
    await this.page.goto(`/policies/${policyId}`);
    await expect(this.tab("Rules")).toBeVisible();
  }

  tab(name: "Rules" | "Simulate" | "Versions"): Locator {
    return this.page.getByRole("tab", { name });
  }

  /** The switch that puts a rule in the document or takes it out, e.g. "approval required when". */
  ruleSwitch(title: string): Locator {
    return this.page.getByRole("switch", { name: `Use the ${title.toLowerCase()} rule` });
  }

  field(label: string): Locator {
    return this.page.getByRole("tabpanel", { name: "Rules" }).getByLabel(label, { exact: true });
  }

  status(): Locator {
    return this.page.getByRole("tabpanel", { name: "Rules" }).getByRole("status");
  }

  problems(): Locator {
    return this.page.getByRole("region", { name: "Problems" });
  }

  alert(): Locator {
    return this.page.getByRole("tabpanel", { name: "Rules" }).getByRole("alert");
  }

  async editAs(mode: "Form" | "JSON") {
    await this.page.getByRole("group", { name: "Edit as" }).getByRole("button", { name: mode }).click();
  }

  json(): Locator {
    return this.page.getByLabel("Policy document (JSON)");
  }

  async saveDraft() {
    await this.page.getByRole("button", { name: "Save draft" }).click();
  }

  async simulate(runs: number) {
    await this.tab("Simulate").click();
    const panel = this.page.getByRole("tabpanel", { name: "Simulate" });
    await panel.getByLabel("Runs", { exact: true }).selectOption({ label: `Last ${runs}` });
    await panel.getByRole("button", { name: "Simulate", exact: true }).click();
    await expect(this.simulation()).toBeVisible({ timeout: 30_000 });
  }

  simulation(): Locator {
    return this.page.getByRole("region", { name: "Simulation result" });
  }

  simulatedRun(runId: string): Locator {
    return this.simulation().getByTestId(`simulated-run-${runId}`);
  }

  publishDialog(): Locator {
    return this.page.getByRole("dialog", { name: /^Publish / });
  }

  async publish(note: string) {
    await this.tab("Rules").click();
    await this.page.getByRole("button", { name: "Publish…" }).click();
    await expect(this.publishDialog()).toBeVisible();
    await this.publishDialog().getByLabel("Note").fill(note);
    await this.publishDialog().getByRole("button", { name: "Publish", exact: true }).click();
    await expect(this.publishDialog()).toBeHidden();
  }

  async disableAndDelete() {
    await this.page.getByRole("button", { name: "Disable" }).click();
    await expect(this.page.getByRole("button", { name: "Enable" })).toBeVisible();
    await this.page.getByRole("button", { name: "Delete" }).click();
    const dialog = this.page.getByRole("dialog", { name: /^Delete / });
    await dialog.getByRole("button", { name: "Delete policy" }).click();
    await expect(this.page).toHaveURL(/\/policies$/);
  }
}

/** The Inbox's pending approvals. */
export class InboxPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/inbox");
    await expect(this.page.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
  }

  /** The row of the approval a run asked for (the Run column holds the run id). */
  rowOf(runId: string): Locator {
    return this.page.getByRole("table", { name: "Pending approvals" }).getByRole("row").filter({ has: this.page.getByRole("link", { name: runId }) });
  }
}
