"use client";

import { useRef, useState } from "react";

export function NewApiKeyNotice({ name, apiKey, onDismiss }: { name: string; apiKey: string; onDismiss: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopied("yes");
    } catch {
      // No clipboard access (plain http on another host): select it so Ctrl/Cmd-C works.
      inputRef.current?.select();
      setCopied("failed");
    }
  }

  return (
    <div className="alert alert-success" role="status" style={{ marginTop: 16 }}>
      <strong>Key “{name}” created.</strong> Copy it now: it will not be shown again.
      <div className="secret-box">
        <label htmlFor="new-api-key" className="visually-hidden">
          New API key
        </label>
        <input
          id="new-api-key"
          ref={inputRef}
          className="input input-mono"
          readOnly
          value={apiKey}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="btn" onClick={copy}>
          {copied === "yes" ? "Copied" : "Copy"}
        </button>
        <button type="button" className="btn" onClick={onDismiss}>
          Done
        </button>
      </div>
      <span aria-live="polite" className="field-hint">
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "failed"
            ? "Copy is blocked here; the key is selected, press Ctrl+C."
            : ""}
      </span>
    </div>
  );
}
