/** The `{attribute` being typed at the caret in a URL template: the text after an unclosed "{". */
export function openPlaceholderAt(text: string, caret: number): { start: number; partial: string } | undefined {
  const before = text.slice(0, caret);
  const start = before.lastIndexOf("{");
  if (start === -1 || before.indexOf("}", start) !== -1) return undefined;
  const partial = before.slice(start + 1);
  return /^[^\s/{}?#]*$/.test(partial) ? { start, partial } : undefined;
}

/** The template with `name` completing the placeholder at the caret, and where the caret goes next. */
export function completePlaceholder(
  text: string,
  caret: number,
  name: string,
): { text: string; caret: number } | undefined {
  const open = openPlaceholderAt(text, caret);
  if (!open) return undefined;
  // Whatever was already typed of the name (and its "}") after the caret is replaced too.
  const rest = text.slice(caret).replace(/^[^\s/{}?#]*\}?/, "");
  const head = `${text.slice(0, open.start)}{${name}}`;
  return { text: head + rest, caret: head.length };
}
