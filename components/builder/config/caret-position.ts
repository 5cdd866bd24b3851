// Where the caret is inside a textarea, in pixels from its top edge, so the suggestion list can open under the line
// being typed. A hidden mirror element with the textarea's text metrics gives the answer (the usual technique:
// browsers expose no caret coordinates for form controls).

const COPIED = [
  "boxSizing",
  "width",
  "paddingTop",
  "paddingRight",
  "paddingBottom",
  "paddingLeft",
  "borderTopWidth",
  "borderRightWidth",
  "borderBottomWidth",
  "borderLeftWidth",
  "fontFamily",
  "fontSize",
  "fontWeight",
  "fontStyle",
  "letterSpacing",
  "lineHeight",
  "tabSize",
  "textTransform",
  "wordSpacing",
  "whiteSpace",
  "overflowWrap",
  "wordBreak",
] as const;

/** Bottom of the caret's line, relative to the textarea's top (scroll taken into account), clamped inside it. */
export function caretLineBottom(el: HTMLTextAreaElement, caret: number): number {
  const style = window.getComputedStyle(el);
  const mirror = document.createElement("div");
  for (const key of COPIED) mirror.style[key] = style[key];
  mirror.style.position = "absolute";
  mirror.style.visibility = "hidden";
  mirror.style.top = "0";
  mirror.style.left = "-9999px";
  mirror.style.height = "auto";
  mirror.style.overflow = "hidden";
  if (el.getAttribute("wrap") !== "off") mirror.style.whiteSpace = "pre-wrap";
  mirror.textContent = el.value.slice(0, caret);
  const marker = document.createElement("span");
  marker.textContent = "\u200b";
  mirror.appendChild(marker);
  document.body.appendChild(mirror);
  const lineHeight = Number.parseFloat(style.lineHeight) || marker.offsetHeight || 20;
  const bottom = marker.offsetTop + lineHeight - el.scrollTop;
  mirror.remove();
  return Math.max(lineHeight, Math.min(bottom + 2, el.offsetHeight));
}
