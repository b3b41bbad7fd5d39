"use client";

import { useEffect, useRef } from "react";
import styles from "./flow-canvas.module.css";
import type { SourcePaletteEntry } from "./node-registry";

/** The side panel a palette entry opens, holding that source kind's form. */
export function AddSourcePanel({
  flowId,
  entry,
  onClose,
}: {
  flowId: string;
  entry: SourcePaletteEntry;
  onClose: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [entry.kind]);
  const { ConfigForm } = entry;
  return (
    <section className={styles.sidePanel} role="dialog" aria-modal="false" aria-labelledby="add-source-title">
      <div className={styles.sidePanelHeader}>
        <h2 id="add-source-title" ref={headingRef} tabIndex={-1}>
          New {entry.title.toLowerCase()} source
        </h2>
        <button type="button" className="btn btn-small" onClick={onClose} aria-label="Close panel">
          ✕
        </button>
      </div>
      <ConfigForm key={entry.kind} flowId={flowId} onDone={onClose} />
    </section>
  );
}
