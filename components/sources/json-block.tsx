/** JSON as the debug view shows it: indented, scrollable, never wider than its panel. */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  const text = value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return (
    <pre aria-label={label} style={preStyle}>
      {text}
    </pre>
  );
}

const preStyle = {
  margin: 0,
  padding: 10,
  maxHeight: 320,
  overflow: "auto",
  borderRadius: 8,
  background: "var(--surface-muted)",
  fontSize: 12,
  whiteSpace: "pre-wrap",
  wordBreak: "break-word",
} as const;
