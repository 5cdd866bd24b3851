import { expect, test, type Locator, type Page } from "@playwright/test";
import { apiSignIn } from "./support/api-sign-in";

// Settings tables whose rows end in action buttons fit 1280×800: the last button of every row is in view without
// scrolling sideways (it was cut off on Providers and Users).
async function expectRowActionsInView(page: Page, table: Locator, lastAction: RegExp) {
  const overflow = await table.evaluate((t) => {
    const wrapper = t.parentElement!;
    return { table: wrapper.scrollWidth - wrapper.clientWidth, page: document.documentElement.scrollWidth - window.innerWidth };
  });
  expect(overflow).toEqual({ table: 0, page: 0 });
  const buttons = table.getByRole("button", { name: lastAction });
  expect(await buttons.count()).toBeGreaterThanOrEqual(2);
  for (const button of await buttons.all()) {
    await button.evaluate((el) => el.scrollIntoView({ block: "center", inline: "nearest" }));
    expect(await table.evaluate((t) => [t.parentElement!.scrollLeft, window.scrollX])).toEqual([0, 0]);
    await expect(button).toBeInViewport({ ratio: 1 });
  }
}

test("Settings → Providers and Users fit 1280×800: every row's last action is in view without scrolling sideways", async ({ page, context }) => {
  await apiSignIn(context.request, "admin");
  expect(page.viewportSize()).toEqual({ width: 1280, height: 800 });
  await page.goto("/settings/providers");
  await expectRowActionsInView(page, page.getByRole("table", { name: "Providers" }), /^Delete /);
  await page.goto("/settings/users");
  await expectRowActionsInView(page, page.getByRole("table", { name: "Users" }), /^(Disable|Enable) /);
});
