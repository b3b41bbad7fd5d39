// A small method + path-template router. Templates use `{name}` segments; on overlap the template
// with more literal segments wins, so `/contacts/search` beats `/contacts/{contact_id}`.

export type PathParams = Record<string, string>;

type Segment = { literal: string } | { param: string };

interface CompiledRoute<H> {
  segments: Segment[];
  literalCount: number;
  handler: H;
}

export interface RouteMatch<H> {
  handler: H;
  params: PathParams;
}

export function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  return trimmed.split("/").slice(1);
}

export class Router<H> {
  private readonly table = new Map<string, Map<number, CompiledRoute<H>[]>>();

  add(method: string, template: string, handler: H): void {
    const segments: Segment[] = splitPath(template).map((part) =>
      part.startsWith("{") && part.endsWith("}") ? { param: part.slice(1, -1) } : { literal: part },
    );
    const byLength = this.table.get(method) ?? new Map<number, CompiledRoute<H>[]>();
    this.table.set(method, byLength);
    const list = byLength.get(segments.length) ?? [];
    list.push({ segments, literalCount: segments.filter((s) => "literal" in s).length, handler });
    list.sort((a, b) => b.literalCount - a.literalCount);
    byLength.set(segments.length, list);
  }

  match(method: string, path: string): RouteMatch<H> | undefined {
    return this.matchAll(method, path)[0];
  }

  /** Every route that fits, best first; callers may skip ones that do not apply (e.g. by API version). */
  matchAll(method: string, path: string): RouteMatch<H>[] {
    const parts = splitPath(path);
    const candidates = this.table.get(method)?.get(parts.length) ?? [];
    const matches: RouteMatch<H>[] = [];
    for (const route of candidates) {
      const params = matchSegments(route.segments, parts);
      if (params) matches.push({ handler: route.handler, params });
    }
    return matches;
  }
}

function matchSegments(segments: Segment[], parts: string[]): PathParams | undefined {
  const params: PathParams = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i]!;
    if ("literal" in segment) {
      if (segment.literal !== part) return undefined;
      continue;
    }
    if (part === "") return undefined;
    try {
      params[segment.param] = decodeURIComponent(part);
    } catch {
      return undefined;
    }
  }
  return params;
}
