"use client";

import { useState } from "react";

/**
 * Local text for a control whose stored value is parsed from it (numbers, JSON, key-value rows): typing never waits
 * for the store and the caret never jumps. When the stored value changes from elsewhere (undo, another panel) and no
 * longer matches the text, the text follows it.
 */
export function useDraft<T>(value: T, format: (value: T) => string, matches: (draft: string, value: T) => boolean) {
  const [draft, setDraft] = useState(() => format(value));
  const [seen, setSeen] = useState(value);
  if (!Object.is(seen, value)) {
    setSeen(value);
    if (!matches(draft, value)) setDraft(format(value));
  }
  return [draft, setDraft] as const;
}
