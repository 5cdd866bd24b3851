import { expect, type Page } from "@playwright/test";

/** Settings → Organisation: the time zone and the budget alert webhook. */
export class SettingsOrganisationPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/organisation");
    await expect(
      this.page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Organisation" }),
    ).toHaveAttribute("aria-current", "page");
  }

  timeZoneSection() {
    return this.page.getByRole("region", { name: "Time zone" });
  }

  timeZone() {
    return this.timeZoneSection().getByLabel("Time zone", { exact: true });
  }

  async saveTimeZone(zone: string) {
    await this.timeZone().selectOption(zone);
    await this.timeZoneSection().getByRole("button", { name: "Save time zone" }).click();
  }

  webhookSection() {
    return this.page.getByRole("region", { name: "Budget alert webhook" });
  }

  webhookUrl() {
    return this.webhookSection().getByLabel("URL", { exact: true });
  }

  sendAlerts() {
    return this.webhookSection().getByRole("checkbox", { name: /Send alerts/ });
  }

  async saveWebhook() {
    await this.webhookSection().getByRole("button", { name: "Save alert webhook" }).click();
  }

  webhookStatus() {
    return this.webhookSection().getByRole("status");
  }

  revealedSecret() {
    return this.webhookSection().getByRole("region", { name: "New signing secret" }).getByLabel("Signing secret");
  }
}
