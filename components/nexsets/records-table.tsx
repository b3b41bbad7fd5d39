import type { Attribute } from "@/lib/nexsets/infer-schema";

interface RecordRow {
  seq: number;
  data: Record<string, unknown>;
}

const MAX_COLUMNS = 8;
const MAX_CELL = 80;

function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text;
}

/** Records as a table: one column per attribute (the first few), nested values as compact JSON. */
export function RecordsTable({
  records,
  attributes,
  caption,
}: {
  records: RecordRow[];
  attributes: Pick<Attribute, "name">[];
  caption: string;
}) {
  const names =
    attributes.length > 0 ? attributes.map((a) => a.name) : [...new Set(records.flatMap((r) => Object.keys(r.data)))];
  const columns = names.slice(0, MAX_COLUMNS);
  if (records.length === 0) return <p className="muted">No records yet.</p>;
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            {columns.map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
            {names.length > columns.length && <th scope="col">+{names.length - columns.length} more</th>}
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr key={record.seq}>
              <td className="muted">{record.seq}</td>
              {columns.map((name) => (
                <td key={name} title={cellText(record.data[name])}>
                  {cellText(record.data[name])}
                </td>
              ))}
              {names.length > columns.length && <td className="muted">…</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
