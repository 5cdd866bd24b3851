import { expect, type Page } from "@playwright/test";

/** Settings → Users and the forms of its dialogs. */
export class SettingsUsersPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/users");
    await expect(this.table()).toBeVisible();
  }

  table() {
    return this.page.getByRole("table", { name: "Users" });
  }

  row(email: string) {
    return this.table().getByRole("row").filter({ hasText: email });
  }

  dialog(name: string | RegExp) {
    return this.page.getByRole("dialog", { name });
  }

  /** Fills and submits the New user form; the dialog then shows the one-time credential. */
  async createUser(user: { name: string; email: string; team: string; role: string; credential: "One-time password" | "One-time sign-in link" }) {
    await this.page.getByRole("button", { name: "New user" }).click();
    const dialog = this.dialog("New user");
    await dialog.getByLabel("Name").fill(user.name);
    await dialog.getByLabel("Email").fill(user.email);
    await dialog.getByLabel("Team").selectOption({ label: user.team });
    await dialog.getByLabel("Role").selectOption({ label: user.role });
    await dialog.getByRole("radio", { name: new RegExp(`^${user.credential}`) }).check();
    await dialog.getByRole("button", { name: "Create user" }).click();
    return this.dialog(`One-time credential for ${user.email}`);
  }
}

/** The page where a person chooses their password (first sign-in, or Account → Change password). */
export class PasswordPage {
  constructor(private readonly page: Page) {}

  heading() {
    return this.page.getByRole("heading", { name: "Choose your password" });
  }

  async choose(password: string) {
    await this.page.getByLabel("New password", { exact: true }).fill(password);
    await this.page.getByLabel("Repeat the new password").fill(password);
    await this.page.getByRole("button", { name: "Choose password and continue" }).click();
  }
}
