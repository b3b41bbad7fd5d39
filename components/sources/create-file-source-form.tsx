"use client";

import Link from "next/link";
import { useId, useState } from "react";
import type { SourceFormProps } from "./source-form-props";
import { UploadProgress } from "./upload-progress";
import { useUploadFile } from "./use-upload-file";
import styles from "./sources.module.css";

export const FILE_ACCEPT = ".csv,.tsv,.json,.ndjson,.jsonl,.gz,text/csv,application/json";

/**
 * A file source is made from its file in one step: the server creates the source and ingests the
 * file in one transaction, so a refused file leaves no empty source behind.
 */
export function CreateFileSourceForm({ flowId, onDone }: SourceFormProps) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const { state, upload, reset } = useUploadFile();
  const busy = state.phase === "uploading" || state.phase === "processing";

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (!file) return setProblem("Choose a file to upload");
    setProblem(null);
    const query = new URLSearchParams({ fileName: file.name, flowId, ...(name.trim() ? { name: name.trim() } : {}) });
    await upload(`/api/v1/sources/upload?${query.toString()}`, file);
  }

  if (state.phase === "done") {
    return (
      <div className="form-stack">
        <UploadProgress state={state} />
        <div className={styles.actions}>
          <Link className="btn" href={`/nexsets/${state.result.nexsetId}`}>
            View the Nexset
          </Link>
          <button type="button" className="btn btn-primary" onClick={onDone}>
            Done
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="form-stack" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-file`}>File</label>
        <input
          id={`${id}-file`}
          type="file"
          accept={FILE_ACCEPT}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            reset();
          }}
        />
        <span className="field-hint">CSV with a header row, a JSON array or NDJSON (optionally gzipped).</span>
        {problem && (
          <span className="field-error" role="alert">
            {problem}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>Source name</label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          placeholder={file?.name ?? "Defaults to the file name"}
          onChange={(e) => setName(e.target.value)}
          maxLength={120}
        />
      </div>
      <UploadProgress state={state} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? "Uploading…" : "Upload"}
      </button>
    </form>
  );
}
