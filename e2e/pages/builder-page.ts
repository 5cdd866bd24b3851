import { expect, type Locator, type Page } from "@playwright/test";

/** A point on the canvas, in pixels from its top-left corner (at the empty canvas' zoom of 1, also flow coordinates). */
export type TCanvasPoint = { x: number; y: number };

/**
 * The workflow editor (/workflows/:id) as a person uses it with the mouse: the palette, the canvas with its nodes and
 * handles, the configuration panel, the toolbar and its dialogs. Locators follow the editor's data-testid hooks and
 * accessible names.
 */
export class BuilderPage {
  constructor(readonly page: Page) {}

  async goto(workflowId: string) {
    await this.page.goto(`/workflows/${workflowId}`);
    await expect(this.editor()).toBeVisible();
  }

  editor(): Locator {
    return this.page.getByTestId("workflow-editor");
  }

  /** The toolbar's data classification of the workflow (saved at once, not with the draft). */
  dataClassification(): Locator {
    return this.page.getByRole("combobox", { name: "Data classification" });
  }

  canvas(): Locator {
    return this.page.getByTestId("builder-canvas");
  }

  paletteItem(type: string): Locator {
    return this.page.getByTestId(`palette-${type}`);
  }

  node(nodeId: string): Locator {
    return this.page.getByTestId(`node-${nodeId}`);
  }

  nodes(): Locator {
    return this.canvas().locator('[data-testid^="node-"][data-problems]');
  }

  handle(nodeId: string, direction: "in" | "out", port: string): Locator {
    return this.page.getByTestId(`handle-${nodeId}-${direction}-${port}`);
  }

  problemsSummary(): Locator {
    return this.page.getByTestId("problems-summary");
  }

  saveState(): Locator {
    return this.page.getByTestId("save-state");
  }

  conflictBanner(): Locator {
    return this.page.getByTestId("conflict-banner");
  }

  readOnlyBanner(): Locator {
    return this.page.getByTestId("read-only-banner");
  }

  toolbarButton(name: "Publish" | "Test run" | "Versions"): Locator {
    return this.toolbar().getByRole("button", { name, exact: true });
  }

  /** "v1 live" or "never published", next to the workflow's status. */
  publishedVersion(): Locator {
    return this.toolbar().getByText(/^(v\d+ live|never published)$/);
  }

  toolbar(): Locator {
    return this.editor().locator("header").first();
  }

  configPanel(): Locator {
    return this.page.getByTestId("node-config-panel");
  }

  /** A field of the configuration panel by its label (exact, so "Prompt" is not "System prompt"). */
  field(label: string): Locator {
    return this.configPanel().getByLabel(label, { exact: true });
  }

  /** The wrapper of a configuration field (label, control, help and inline problems), by its config path. */
  fieldBlock(path: string): Locator {
    return this.configPanel().getByTestId(`config-field-${path}`);
  }

  nodeLabelField(): Locator {
    return this.configPanel().getByLabel("Name on the canvas");
  }

  variableSuggestions(): Locator {
    return this.configPanel().getByRole("listbox", { name: "Variables from earlier steps" });
  }

  dialog(title: string): Locator {
    return this.page.getByRole("dialog", { name: title });
  }

  /** Drags a palette entry onto the canvas and waits for its node; returns the node. */
  async dragFromPalette(type: string, at: TCanvasPoint, expectedNodeId: string): Promise<Locator> {
    await this.paletteItem(type).dragTo(this.canvas(), { targetPosition: at });
    const node = this.node(expectedNodeId);
    await expect(node).toBeVisible();
    return node;
  }

  /** Draws a connection with the mouse: press on the source handle's centre, move in steps, release on the target's. */
  async connect(source: { nodeId: string; port: string }, target: { nodeId: string; port: string }) {
    const from = await this.centreOf(this.handle(source.nodeId, "out", source.port));
    const to = await this.centreOf(this.handle(target.nodeId, "in", target.port));
    const mouse = this.page.mouse;
    await mouse.move(from.x, from.y);
    await mouse.down();
    await mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
    await mouse.move(to.x, to.y, { steps: 8 });
    await mouse.up();
  }

  /** The connections drawn on the canvas. */
  edges(): Locator {
    return this.canvas().locator(".react-flow__edge");
  }

  /**
   * Opens a node's panel by clicking its title area (not a handle). An open panel is closed first: it narrows the
   * canvas and may cover the node.
   */
  async openNode(nodeId: string) {
    if (await this.nodePanel().isVisible()) await this.closeNodePanel();
    await this.node(nodeId).click({ position: { x: 120, y: 16 } });
    await expect(this.nodePanel()).toBeVisible();
  }

  /** The right-hand panel of the selected node: its configuration, and its step once a test run reached it. */
  nodePanel(): Locator {
    return this.page.getByRole("complementary", { name: "Node" });
  }

  async closeNodePanel() {
    await this.nodePanel()
      .getByRole("button", { name: /^Close (node settings|the step inspector)$/ })
      .click();
    await expect(this.nodePanel()).toBeHidden();
  }

  async expectAllSaved() {
    await expect(this.saveState()).toHaveText("All changes saved");
  }

  private async centreOf(locator: Locator): Promise<{ x: number; y: number }> {
    await expect(locator).toBeVisible();
    const box = await locator.boundingBox();
    if (!box) throw new Error("The element has no box on the page");
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }
}
