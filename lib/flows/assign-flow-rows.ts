// Which flow each row belongs to. A flow is a chain: its own sources → their Nexsets → the
// destinations on those Nexsets → each destination's response-webhook source → its Nexset → …
// Connection wins over the rows' own flowId, so a destination always sits on the canvas that
// shows its Nexset; the flowId column only decides for rows with nothing upstream.

export interface AssignableSource {
  id: string;
  kind: string;
  flowId: string | null;
  originDestinationId: string | null;
  nexsetId: string | null;
}

export interface AssignableDestination {
  id: string;
  flowId: string | null;
  nexsetId: string;
}

export interface FlowMembers<S, D> {
  sources: S[];
  destinations: D[];
}

export function assignRowsToFlows<S extends AssignableSource, D extends AssignableDestination>(
  sources: readonly S[],
  destinations: readonly D[],
): Map<string, FlowMembers<S, D>> {
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const sourceByNexset = new Map(sources.filter((s) => s.nexsetId).map((s) => [s.nexsetId as string, s]));
  const destinationById = new Map(destinations.map((d) => [d.id, d]));
  const memo = new Map<string, string | null>();

  // Walks upstream; `seen` stops a malformed cycle from recursing forever.
  function flowOfSource(source: S, seen: Set<string>): string | null {
    const key = `s:${source.id}`;
    if (memo.has(key)) return memo.get(key) ?? null;
    if (seen.has(key)) return source.flowId;
    seen.add(key);
    const origin = source.originDestinationId ? destinationById.get(source.originDestinationId) : undefined;
    const flow = (origin ? flowOfDestination(origin, seen) : null) ?? source.flowId;
    memo.set(key, flow);
    return flow;
  }

  function flowOfDestination(destination: D, seen: Set<string>): string | null {
    const key = `d:${destination.id}`;
    if (memo.has(key)) return memo.get(key) ?? null;
    if (seen.has(key)) return destination.flowId;
    seen.add(key);
    const upstream = sourceByNexset.get(destination.nexsetId);
    const flow = (upstream ? flowOfSource(upstream, seen) : null) ?? destination.flowId;
    memo.set(key, flow);
    return flow;
  }

  const flows = new Map<string, FlowMembers<S, D>>();
  const membersOf = (flowId: string) => {
    let members = flows.get(flowId);
    if (!members) flows.set(flowId, (members = { sources: [], destinations: [] }));
    return members;
  };
  for (const source of sourceById.values()) {
    const flowId = flowOfSource(source, new Set());
    if (flowId) membersOf(flowId).sources.push(source);
  }
  for (const destination of destinations) {
    const flowId = flowOfDestination(destination, new Set());
    if (flowId) membersOf(flowId).destinations.push(destination);
  }
  return flows;
}
