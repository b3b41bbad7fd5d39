import type { UploadState } from "./use-upload-file";

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** The upload's progress bar, then the outcome: records added, or the line and reason it was refused. */
export function UploadProgress({ state }: { state: UploadState }) {
  if (state.phase === "idle") return null;
  if (state.phase === "error") {
    return (
      <div className="alert alert-error" role="alert">
        <strong>The file was refused; nothing of it was kept.</strong> {state.message}
      </div>
    );
  }
  if (state.phase === "done") {
    const { result } = state;
    return (
      <div className="alert alert-success" role="status">
        Added {result.recordsAdded.toLocaleString()} records ({result.format.toUpperCase()}
        {result.delimiter ? `, “${result.delimiter === "\t" ? "tab" : result.delimiter}”-separated` : ""},{" "}
        {formatBytes(result.bytes)}).
        {result.note ? ` ${result.note}.` : ""}
      </div>
    );
  }
  const loaded = state.phase === "uploading" ? state.loaded : state.total;
  const percent = state.total > 0 ? Math.min(100, Math.round((loaded / state.total) * 100)) : 100;
  return (
    <div className="field" aria-live="polite">
      <div
        role="progressbar"
        aria-label="Upload progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        style={barStyle}
      >
        <div style={{ ...fillStyle, width: `${percent}%` }} />
      </div>
      <span className="field-hint">
        {state.phase === "processing"
          ? "Uploaded; checking and saving the records…"
          : `${percent}% · ${formatBytes(loaded)} of ${formatBytes(state.total)}`}
      </span>
    </div>
  );
}

const barStyle = { height: 8, borderRadius: 999, background: "var(--surface-muted)", overflow: "hidden" } as const;
const fillStyle = { height: "100%", background: "var(--accent)", transition: "width 120ms linear" } as const;
