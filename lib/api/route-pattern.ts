// What logs say about a request's path. Some path segments are secrets (a webhook URL's token is its
// credential), so logs name the route's pattern — /api/webhooks/{token} — never the path as sent.

/** The spec's own pattern when the route has one; else the path with each route param's value as {name}. */
export function routePatternOf(
  options: object,
  pathname: string,
  params: Record<string, string | string[] | undefined>,
): string {
  if ("path" in options && typeof options.path === "string") return options.path;
  const byValue = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    for (const segment of Array.isArray(value) ? value : value === undefined ? [] : [value])
      byValue.set(encodeURIComponent(segment), name);
  }
  return pathname
    .split("/")
    .map((segment) => {
      const name = byValue.get(segment);
      return name === undefined ? segment : `{${name}}`;
    })
    .join("/");
}
