"use client";

import { createContext, useContext } from "react";
import type { PreviewState } from "./use-preview";

// The wizard builds the preview once; the panel shows it and the batching step shows the grouping
// code's failure at its field.
export const PreviewContext = createContext<PreviewState | null>(null);

export function usePreviewState(): PreviewState {
  const preview = useContext(PreviewContext);
  if (!preview) throw new Error("usePreviewState must be used inside the destination wizard");
  return preview;
}
