import type { Attribute } from "@/lib/nexsets/infer-schema";

/** The inferred schema: each attribute's name, type and how many records lack it. */
export function AttributesTable({ attributes, total }: { attributes: Attribute[]; total: number }) {
  if (attributes.length === 0)
    return <p className="muted">No attributes yet: the schema is inferred from the records as they arrive.</p>;
  return (
    <table className="table">
      <caption className="visually-hidden">Schema</caption>
      <thead>
        <tr>
          <th scope="col">Attribute</th>
          <th scope="col">Type</th>
          <th scope="col">Null or missing</th>
        </tr>
      </thead>
      <tbody>
        {attributes.map((attribute) => (
          <tr key={attribute.name}>
            <td>
              <code>{attribute.name}</code>
            </td>
            <td>
              <span className="badge">{attribute.type}</span>
            </td>
            <td>
              {attribute.nullCount.toLocaleString()}
              {total > 0 && <span className="muted"> ({Math.round((attribute.nullCount / total) * 100)}%)</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
