import type { SandboxApp } from "../state/sandbox-app";

/** The app's one admin, in the `admin` shape notes and messages embed. */
export function presentAdmin(app: SandboxApp): Record<string, unknown> {
  return {
    type: "admin",
    id: app.admin.id,
    name: app.admin.name,
    email: app.admin.email,
    job_title: "",
    away_mode_enabled: false,
    away_mode_reassign: false,
    has_inbox_seat: true,
    team_ids: [],
  };
}
