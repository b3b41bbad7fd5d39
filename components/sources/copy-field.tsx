"use client";

import { useId, useRef, useState } from "react";

/** A read-only value with a Copy button (falls back to selecting it when the clipboard is blocked). */
export function CopyField({ label, value, multiline = false }: { label: string; value: string; multiline?: boolean }) {
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      ref.current?.select();
      setCopied("failed");
    }
  }
  const common = {
    id,
    ref,
    readOnly: true,
    value,
    className: "input input-mono",
    onFocus: (e: React.FocusEvent<HTMLInputElement & HTMLTextAreaElement>) => e.currentTarget.select(),
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="secret-box" style={{ marginTop: 0 }}>
        {multiline ? (
          <textarea
            {...common}
            rows={Math.min(10, value.split("\n").length + 1)}
            style={{ height: "auto", padding: 8 }}
          />
        ) : (
          <input {...common} />
        )}
        <button type="button" className="btn" onClick={copy} aria-label={`Copy ${label}`}>
          {copied === "yes" ? "Copied" : "Copy"}
        </button>
      </div>
      {copied === "failed" && (
        <span className="field-hint">Copy is blocked here; the text is selected, press Ctrl+C.</span>
      )}
    </div>
  );
}
