// The sandbox's admin API (/__sandbox) answers for every app in the sandbox, and the sandbox is a
// host Flowgate trusts; no request Flowgate makes may name it. Pure (no Node APIs): the wizard's
// config check in the browser uses it too.

const ADMIN_SEGMENT = /(^|\/)__sandbox(\/|$)/i;

/**
 * Why a request path is refused (it names the sandbox admin API, in any spelling: percent-encoded,
 * behind dot segments, upper case), or undefined. Intercom has no path with such a segment.
 */
export function refusalOfPath(path: string): string | undefined {
  const bare = path.split(/[?#]/, 1)[0] ?? "";
  // Without a percent sign there is nothing to decode: the decoded form is the same text.
  const decoded = bare.includes("%") ? decodeOrKeep(bare) : bare;
  if (ADMIN_SEGMENT.test(bare) || (decoded !== bare && ADMIN_SEGMENT.test(decoded)))
    return "the sandbox's admin API is not reachable";
  return undefined;
}

function decodeOrKeep(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    // A malformed escape stays as sent; the raw form is still checked.
    return path;
  }
}
