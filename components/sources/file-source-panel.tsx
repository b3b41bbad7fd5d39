"use client";

import { useId, useState } from "react";
import { FILE_ACCEPT } from "./create-file-source-form";
import { UploadProgress } from "./upload-progress";
import { useUploadFile } from "./use-upload-file";

/** Add another file to a file source: appended to its Nexset, all of the file or none of it. */
export function FileSourcePanel({ sourceId }: { sourceId: string }) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const { state, upload, reset } = useUploadFile();
  const busy = state.phase === "uploading" || state.phase === "processing";

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (!file) return;
    await upload(
      `/api/v1/sources/${encodeURIComponent(sourceId)}/upload?${new URLSearchParams({ fileName: file.name }).toString()}`,
      file,
    );
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        Upload a file
      </h2>
      <p className="card-description">
        CSV with a header row, a JSON array or NDJSON, optionally gzipped. Its records are added after the ones already
        here.
      </p>
      <form className="form-stack" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-file`}>File</label>
          <input
            id={`${id}-file`}
            type="file"
            accept={FILE_ACCEPT}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              reset();
            }}
          />
        </div>
        <UploadProgress state={state} />
        <div>
          <button type="submit" className="btn btn-primary" disabled={!file || busy}>
            {busy ? "Uploading…" : "Upload"}
          </button>
        </div>
      </form>
    </section>
  );
}
