import { expect, type Page } from "@playwright/test";

export class SettingsEnginePage {
  constructor(private readonly page: Page) {}

  async goto() {
    const res = await this.page.goto("/settings/engine");
    return res;
  }

  async expectLoaded() {
    await expect(
      this.page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Engine" }),
    ).toHaveAttribute("aria-current", "page");
    await expect(this.emergencyPanel()).toBeVisible();
  }

  /** The Settings sections the person is offered, in order. */
  async sectionLabels(): Promise<string[]> {
    const nav = this.page.getByRole("navigation", { name: "Settings sections" });
    await expect(nav).toBeVisible();
    return nav.getByRole("link").allInnerTexts();
  }

  emergencyPanel() {
    return this.page.getByRole("region", { name: "Emergency stop" });
  }

  engineState() {
    return this.emergencyPanel().getByRole("heading", { level: 2 });
  }

  stopDialog() {
    return this.page.getByRole("dialog", { name: "Stop all runs?" });
  }

  async openStopDialog() {
    await this.emergencyPanel().getByRole("button", { name: "Stop all runs" }).click();
    await expect(this.stopDialog()).toBeVisible();
  }

  async confirmStop(reason: string) {
    await this.stopDialog()
      .getByLabel(/Reason/)
      .fill(reason);
    await this.stopDialog().getByRole("button", { name: "Stop all runs" }).click();
  }

  async resume() {
    await this.emergencyPanel().getByRole("button", { name: "Resume" }).click();
  }

  workersTable() {
    return this.page.getByRole("table", { name: "Workers" });
  }

  queuesTable() {
    return this.page.getByRole("table", { name: "Queues" });
  }

  privateNetworksSwitch() {
    return this.page.getByRole("switch", { name: "Allow calls to private network addresses" });
  }

  allowedHosts() {
    return this.page.getByLabel("Allowed hosts");
  }

  async saveNetwork() {
    await this.page.getByRole("button", { name: "Save network settings" }).click();
  }

  networkStatus() {
    return this.page.getByRole("region", { name: "Outbound network" }).getByRole("status");
  }

  hostErrors() {
    return this.page.locator("#allowed-hosts-error");
  }

  thresholdsSection() {
    return this.page.getByRole("region", { name: "Circuit breaker thresholds" });
  }

  /** Adds a host row and fills its host; the other fields start as the defaults row's. */
  async addHostThresholds(host: string) {
    await this.thresholdsSection().getByRole("button", { name: "Host", exact: true }).click();
    await this.thresholdsSection().getByLabel("Host", { exact: true }).last().fill(host);
  }

  thresholdField(label: string, target: string) {
    return this.thresholdsSection().getByLabel(`${label} for ${target}`, { exact: true });
  }

  async saveThresholds() {
    await this.thresholdsSection().getByRole("button", { name: "Save thresholds" }).click();
  }
}
