"use client";

import { useEffect, useState } from "react";
import type { DestinationRecord } from "@/lib/destinations/build-types";
import { lazyBrowserCodeRunner } from "./browser-code-runner";
import { computePreview, type Preview, tokenHintFrom } from "./compute-preview";

export interface PreviewState extends Preview {
  /** A newer build is waiting for the debounce or running. */
  pending: boolean;
  /** Bumped on every finished build, so the panel can show that it changed. */
  revision: number;
}

const DEBOUNCE_MS = 150;

/** Rebuilds the sample requests a moment after each change of the form's settings. */
export function usePreview(input: {
  config: unknown;
  samples: readonly DestinationRecord[];
  credentialBaseUrl?: string;
  fallbackBaseUrl: string;
  tokenMasked?: string;
}): PreviewState {
  const [state, setState] = useState<PreviewState>({ issues: [], pending: true, revision: 0 });
  const { samples, credentialBaseUrl, fallbackBaseUrl, tokenMasked } = input;
  const key = JSON.stringify([input.config, credentialBaseUrl, tokenMasked]);

  useEffect(() => {
    let cancelled = false;
    const config: unknown = JSON.parse(key)[0];
    const timer = setTimeout(() => {
      setState((current) => ({ ...current, pending: true }));
      computePreview({
        config,
        samples,
        credentialBaseUrl,
        fallbackBaseUrl,
        tokenHint: tokenHintFrom(tokenMasked),
        runCode: lazyBrowserCodeRunner,
      })
        .catch((error: unknown) => ({
          issues: [
            { path: "", message: `The preview failed: ${error instanceof Error ? error.message : String(error)}` },
          ],
        }))
        .then((preview) => {
          if (!cancelled) setState((current) => ({ ...preview, pending: false, revision: current.revision + 1 }));
        });
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, samples, credentialBaseUrl, fallbackBaseUrl, tokenMasked]);

  return state;
}
