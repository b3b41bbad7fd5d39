/** JSON when the answer says so (or looks like it), else the text. */
export function decodeBody(text: string, contentType: string | undefined): unknown {
  if (text.length === 0) return null;
  const looksJson = /json/i.test(contentType ?? "") || /^\s*[{[]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
