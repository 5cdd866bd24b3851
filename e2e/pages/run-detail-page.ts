import { expect, type Locator, type Page } from "@playwright/test";

export const FRAUD_WORKFLOW = "Fraud triage with compliance review";

/** The runs list, as far as the run detail journeys need it: filter, then open a run. */
export class RunsListPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/runs");
    await expect(this.page.getByRole("heading", { name: "Runs", level: 1 })).toBeVisible();
  }

  async filterByStatus(statusLabel: string) {
    await this.page.getByLabel("Status").selectOption({ label: statusLabel });
    await this.page.getByRole("button", { name: "Apply" }).click();
    await expect(this.page).toHaveURL(/status=/);
  }

  rows(): Locator {
    // The header row has no cells.
    return this.page
      .getByRole("table", { name: "Runs" })
      .getByRole("row")
      .filter({ has: this.page.getByRole("cell") });
  }

  rowsOf(workflowName: string): Locator {
    return this.rows().filter({ has: this.page.getByRole("link", { name: workflowName, exact: true }) });
  }

  /** Opens the run of a row and returns its id (from the URL). */
  async open(row: Locator): Promise<string> {
    await row.getByRole("link").first().click();
    await expect(this.page).toHaveURL(/\/runs\/[^/?]+$/);
    return new URL(this.page.url()).pathname.split("/").pop()!;
  }
}

export class RunDetailPage {
  constructor(private readonly page: Page) {}

  async goto(runId: string) {
    await this.page.goto(`/runs/${runId}`);
    await expect(this.title()).toBeVisible();
  }

  title(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  status(): Locator {
    return this.page.getByRole("status", { name: "Run status" });
  }

  live(): Locator {
    return this.page.getByRole("status", { name: "Live updates" });
  }

  generatedTag(): Locator {
    return this.page.getByText("Generated", { exact: true });
  }

  steps(): Locator {
    return this.page.getByRole("list", { name: "Steps" });
  }

  /** A step by its node id (its own item: a Parallel step's item also holds its branches' steps). */
  step(nodeId: string): Locator {
    return this.steps().getByTestId(`step-${nodeId}`);
  }

  approval(title?: string | RegExp): Locator {
    return this.page.getByRole("region", { name: title ? title : /^Approval: / });
  }

  commentBox(): Locator {
    return this.page.getByLabel("Comment (optional)");
  }

  approveButton(): Locator {
    return this.page.getByRole("button", { name: "Approve", exact: true });
  }

  rejectButton(): Locator {
    return this.page.getByRole("button", { name: "Reject", exact: true });
  }

  cancelButton(): Locator {
    return this.page.getByRole("button", { name: "Cancel run" });
  }

  async approve(comment: string) {
    await this.commentBox().fill(comment);
    await this.approveButton().click();
  }
}
