"use client";

import Editor from "@monaco-editor/react";
import { useEffect, useState } from "react";
import { monaco } from "./monaco-setup";

export interface EditorMarker {
  line: number;
  message: string;
}

export interface MonacoFieldProps {
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  language: "javascript" | "json";
  ariaLabel: string;
  height?: number;
  /** Errors drawn in the editor at their line (syntax errors from the sandbox, JSON errors). */
  markers?: readonly EditorMarker[];
}

/** Monaco (bundled, never from a CDN) for the grouping code and the test body. Loaded lazily. */
export default function MonacoField({
  value,
  onChange,
  onBlur,
  language,
  ariaLabel,
  height = 260,
  markers = [],
}: MonacoFieldProps) {
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | null>(null);
  const markerKey = JSON.stringify(markers);

  useEffect(() => {
    const model = editor?.getModel();
    if (!model) return;
    const lineCount = model.getLineCount();
    monaco.editor.setModelMarkers(
      model,
      "flowgate",
      markers.map(({ line, message }) => {
        const at = Math.min(Math.max(1, line), lineCount);
        return {
          startLineNumber: at,
          endLineNumber: at,
          startColumn: 1,
          endColumn: model.getLineMaxColumn(at),
          message,
          severity: monaco.MarkerSeverity.Error,
        };
      }),
    );
    // markerKey stands for `markers`, whose identity changes on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, markerKey]);

  return (
    <Editor
      height={height}
      language={language}
      value={value}
      onChange={(next) => onChange(next ?? "")}
      onMount={(mounted) => {
        setEditor(mounted);
        mounted.onDidBlurEditorText(() => onBlur?.());
      }}
      options={{
        ariaLabel,
        minimap: { enabled: false },
        fontSize: 13,
        tabSize: 2,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        lineNumbersMinChars: 3,
        renderLineHighlight: "line",
        fixedOverflowWidgets: true,
      }}
    />
  );
}
