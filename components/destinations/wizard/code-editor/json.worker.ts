// Monaco's JSON language service, run as a module worker (see monaco-setup.ts).
import "monaco-editor/language/json/json.worker";
