import type { SourceRunStep } from "@/lib/sources/schemas";
import { JsonBlock } from "./json-block";

/** Tray-style debug panel: each step of a run, collapsible, with what went in and what came out. */
export function RunDebugView({ steps }: { steps: SourceRunStep[] }) {
  if (steps.length === 0) return <p className="muted">This run recorded no steps.</p>;
  return (
    <ol style={{ margin: 0, padding: 0, listStyle: "none", display: "grid", gap: 8 }} aria-label="Run steps">
      {steps.map((step, index) => (
        <li key={`${index}-${step.step}`}>
          <details className="card" style={{ padding: 12 }}>
            <summary style={{ cursor: "pointer" }}>
              <strong>{step.step}</strong>
              <span className="muted">
                {" "}
                · {new Date(step.at).toLocaleTimeString()}
                {step.durationMs !== undefined ? ` · ${Math.round(step.durationMs)} ms` : ""}
              </span>
            </summary>
            <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 12, marginTop: 10 }}>
              <div>
                <h4 style={{ margin: "0 0 6px" }}>Input</h4>
                <JsonBlock label={`Input of ${step.step}`} value={step.input} />
              </div>
              <div>
                <h4 style={{ margin: "0 0 6px" }}>Output</h4>
                <JsonBlock label={`Output of ${step.step}`} value={step.output} />
              </div>
            </div>
          </details>
        </li>
      ))}
    </ol>
  );
}
