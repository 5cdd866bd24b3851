import { expect, type Page } from "@playwright/test";

export class Shell {
  constructor(private readonly page: Page) {}

  nav() {
    return this.page.getByRole("navigation", { name: "Main" });
  }

  async navLabels(): Promise<string[]> {
    await expect(this.nav()).toBeVisible();
    const links = this.nav().getByRole("link");
    return (await links.allInnerTexts()).map((t) => t.split("\n")[0]!.trim()).filter(Boolean);
  }

  async signOut() {
    await this.page.getByRole("button", { name: /^Account:/ }).click();
    await this.page.getByRole("button", { name: "Sign out" }).click();
  }
}
