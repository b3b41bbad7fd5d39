// Monaco's editor worker (diffs, word suggestions), run as a module worker (see monaco-setup.ts).
import "monaco-editor/editor/editor.worker";
