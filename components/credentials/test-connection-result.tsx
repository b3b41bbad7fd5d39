import type { TestConnectionResult } from "@/lib/credentials/schemas";

/** What "Test connection" found: the workspace and admin behind the token, or why it failed. */
export function TestConnectionResultView({ result }: { result: TestConnectionResult }) {
  if (!result.ok) {
    return (
      <div className="alert alert-error" role="alert">
        <strong>Connection failed</strong> ({result.region}): {result.errorMessage}
      </div>
    );
  }
  const admin = [result.adminName, result.adminEmail && `(${result.adminEmail})`].filter(Boolean).join(" ");
  return (
    <div className="alert alert-success" role="status">
      <strong>Connected</strong> to workspace {result.workspaceName ?? "(unnamed)"}
      {result.workspaceId ? ` [${result.workspaceId}]` : ""}
      {admin ? ` as ${admin}` : ""} · {result.region} · {Math.round(result.latencyMs)} ms
    </div>
  );
}
