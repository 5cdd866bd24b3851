import { describe, expect, it } from "vitest";
import { shortcutFor } from "./shortcuts";

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("editor shortcuts", () => {
  it("maps modifier keys on both platforms", () => {
    expect(shortcutFor(press("z", { ctrlKey: true }), false)).toBe("undo");
    expect(shortcutFor(press("Z", { metaKey: true, shiftKey: true }), false)).toBe("redo");
    expect(shortcutFor(press("y", { ctrlKey: true }), false)).toBe("redo");
    expect(shortcutFor(press("d", { metaKey: true }), false)).toBe("duplicate");
    expect(shortcutFor(press("L", { shiftKey: true }), false)).toBe("layout");
    expect(shortcutFor(press("?", { shiftKey: true }), false)).toBe("help");
  });

  it("leaves keys alone while the person types in a field, except save", () => {
    expect(shortcutFor(press("z", { ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(press("?"), true)).toBeNull();
    expect(shortcutFor(press("s", { ctrlKey: true }), true)).toBe("save");
  });
});
