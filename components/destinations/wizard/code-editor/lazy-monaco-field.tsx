"use client";

import dynamic from "next/dynamic";
import styles from "../wizard.module.css";

// Monaco and its language services are large: they load only when an editor is on screen (the
// "code" grouping algorithm, or the Test tab's body editor), never with the wizard itself.
export const LazyMonacoField = dynamic(() => import("./monaco-field"), {
  ssr: false,
  loading: () => <div className={styles.editorLoading}>Loading editor…</div>,
});
