import type { FlowTotals } from "@/lib/flows/view-schemas";

// The words of every "are you sure?" on flows and their nodes: each says what goes with it and
// how many records would never be delivered.

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`;

function undeliveredSentence(undelivered: number): string {
  return undelivered > 0 ? ` ${plural(undelivered, "record")} not yet delivered will never be delivered.` : "";
}

export function confirmFlowDeletion(
  name: string,
  totals: Pick<FlowTotals, "sources" | "destinations" | "undeliveredRecords">,
): string {
  return (
    `Delete the flow “${name}” with its ${plural(totals.sources, "source")} and ${plural(totals.destinations, "destination")}?` +
    undeliveredSentence(totals.undeliveredRecords)
  );
}

export function confirmDestinationDeletion(name: string, undelivered: number): string {
  return `Delete the destination “${name}”?${undelivered > 0 ? ` It has ${plural(undelivered, "undelivered record")}, which will not be delivered.` : ""}`;
}

export function confirmSourceDeletion(
  name: string,
  records: number,
  destinations: { count: number; undelivered: number },
): string {
  const feeds =
    destinations.count > 0
      ? ` Its Nexset feeds ${plural(destinations.count, "destination")}, which will be deleted too.`
      : "";
  return `Delete the source “${name}” and its ${plural(records, "record")}?${feeds}${undeliveredSentence(destinations.undelivered)}`;
}
