"use client";

import styles from "./flow-canvas.module.css";
import { SOURCE_PALETTE, type SourcePaletteEntry } from "./node-registry";

export function SourcePalette({ onPick }: { onPick: (entry: SourcePaletteEntry) => void }) {
  return (
    <aside className={styles.palette} aria-labelledby="palette-title">
      <h2 id="palette-title" className={styles.paletteTitle}>
        Add a source
      </h2>
      <ul className={styles.paletteList}>
        {SOURCE_PALETTE.map((entry) => (
          <li key={entry.kind}>
            <button type="button" className={styles.paletteItem} onClick={() => onPick(entry)}>
              <span className={styles.nodeIcon} aria-hidden="true">
                {entry.icon}
              </span>
              <span>
                <strong>{entry.title}</strong>
                <span className={styles.paletteHint}>{entry.description}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
