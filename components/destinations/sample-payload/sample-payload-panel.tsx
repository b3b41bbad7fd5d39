"use client";

import { useState } from "react";
import { useWizardData } from "@/components/destinations/wizard/wizard-data";
import { PreviewList } from "./preview-list";
import styles from "./sample-payload.module.css";
import { TestMode } from "./test-mode";

/** Beside every step: what the current settings send (Preview), and Send Test Data (Test). */
export function SamplePayloadPanel() {
  const { nexset } = useWizardData();
  const [tab, setTab] = useState<"preview" | "test">("preview");
  return (
    // The wrapper is the grid column (and what sticks), so the card isn't a `.card + .card`.
    <div className={styles.panelColumn}>
      <aside className={`card ${styles.panel}`} aria-labelledby="sample-payload-title">
        <div className={styles.panelHeader}>
          <h2 className="card-title" id="sample-payload-title">
            Sample Payload
          </h2>
          <div role="tablist" aria-label="Sample Payload mode" className={styles.tabs}>
            {(["preview", "test"] as const).map((id) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={tab === id}
                className={styles.tab}
                onClick={() => setTab(id)}
              >
                {id === "preview" ? "Preview" : "Test"}
              </button>
            ))}
          </div>
        </div>
        <p className="card-description">
          Built from the first {nexset.samples.length} records of “{nexset.name}” with your unsaved settings, as the
          worker will send them (token masked).
        </p>
        <div role="tabpanel">
          {tab === "preview" ? <PreviewList sampleCount={nexset.samples.length} /> : <TestMode />}
        </div>
      </aside>
    </div>
  );
}
