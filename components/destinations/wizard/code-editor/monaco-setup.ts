import { loader } from "@monaco-editor/react";
// The editor core plus only what the wizard needs (JavaScript and JSON), from the bundled
// monaco-editor package: @monaco-editor/react would otherwise fetch Monaco from a CDN, which is
// unreachable offline. This module is only ever imported by the lazily loaded editor.
import * as monaco from "monaco-editor/editor/editor.api";
import "monaco-editor/features/codeEditor/register";
import "monaco-editor/features/codicon/register";
import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/clipboard/register";
import "monaco-editor/features/comment/register";
import "monaco-editor/features/find/register";
import "monaco-editor/features/folding/register";
import "monaco-editor/features/hover/register";
import "monaco-editor/features/linesOperations/register";
import "monaco-editor/features/suggest/register";
import "monaco-editor/features/wordHighlighter/register";
import "monaco-editor/languages/definitions/javascript/register";
import "monaco-editor/languages/features/json/register";

type MonacoEnvironment = { getWorker(workerId: string, label: string): Worker };

// Language services run in module workers built from the same package (CSP: worker-src 'self').
(globalThis as typeof globalThis & { MonacoEnvironment?: MonacoEnvironment }).MonacoEnvironment = {
  getWorker(_workerId, label) {
    if (label === "json") return new Worker(new URL("./json.worker.ts", import.meta.url), { type: "module" });
    return new Worker(new URL("./editor.worker.ts", import.meta.url), { type: "module" });
  },
};

loader.config({ monaco });

export { monaco };
