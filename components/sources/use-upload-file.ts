"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { uploadResultSchema, type UploadResult } from "@/lib/flows/source-inputs";
import { flowKeys } from "@/lib/query/keys/flows";
import { nexsetKeys } from "@/lib/query/keys/nexsets";
import { sourceKeys } from "@/lib/query/keys/sources";

export type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; loaded: number; total: number }
  /** Every byte is sent; the server is still parsing and committing the last rows. */
  | { phase: "processing"; total: number }
  | { phase: "done"; result: UploadResult }
  | { phase: "error"; message: string };

function errorMessage(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { message?: unknown } };
    if (typeof body.error?.message === "string") return body.error.message;
  } catch {
    // Not our JSON (a proxy's error page): fall through to the status line.
  }
  return `The upload failed (${xhr.status} ${xhr.statusText}).`;
}

/**
 * Sends a file as the raw request body with XMLHttpRequest, whose upload events give a real
 * progress bar (fetch has none for request bodies). The server streams it into the Nexset.
 */
export function useUploadFile() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<UploadState>({ phase: "idle" });

  const upload = useCallback(
    (url: string, file: File): Promise<UploadResult | null> =>
      new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        const fail = (message: string) => {
          setState({ phase: "error", message });
          resolve(null);
        };
        xhr.open("POST", url);
        xhr.setRequestHeader("accept", "application/json");
        xhr.setRequestHeader("content-type", file.type || "application/octet-stream");
        xhr.upload.onprogress = (event) =>
          setState({
            phase: "uploading",
            loaded: event.loaded,
            total: event.lengthComputable ? event.total : file.size,
          });
        xhr.upload.onload = () => setState({ phase: "processing", total: file.size });
        xhr.onerror = () =>
          fail("The upload was interrupted. Check your connection and try again; nothing of the file was kept.");
        xhr.onload = () => {
          if (xhr.status < 200 || xhr.status >= 300) return fail(errorMessage(xhr));
          const parsed = uploadResultSchema.safeParse(JSON.parse(xhr.responseText));
          if (!parsed.success) return fail("The server's answer could not be read.");
          setState({ phase: "done", result: parsed.data });
          void queryClient.invalidateQueries({ queryKey: flowKeys.all });
          void queryClient.invalidateQueries({ queryKey: sourceKeys.source(parsed.data.sourceId) });
          void queryClient.invalidateQueries({ queryKey: nexsetKeys.nexset(parsed.data.nexsetId) });
          resolve(parsed.data);
        };
        setState({ phase: "uploading", loaded: 0, total: file.size });
        xhr.send(file);
      }),
    [queryClient],
  );

  const reset = useCallback(() => setState({ phase: "idle" }), []);
  return { state, upload, reset };
}
