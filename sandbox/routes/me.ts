import { type IntercomRequest, type IntercomRoute, ok } from "../intercom/route-types";

/** GET /me: the token's admin with its workspace (`admin_with_app`). */
function identifyAdmin({ app }: IntercomRequest) {
  return ok({
    type: "admin",
    id: app.admin.id,
    email: app.admin.email,
    name: app.admin.name,
    job_title: "",
    away_mode_enabled: false,
    away_mode_reassign: false,
    team_ids: [],
    email_verified: true,
    app: {
      type: "app",
      id_code: app.id,
      name: app.name,
      created_at: app.createdAt,
      secure: false,
      identity_verification: false,
      timezone: "Etc/UTC",
      region: app.region,
    },
    avatar: { type: "avatar", image_url: null },
    has_inbox_seat: true,
  });
}

export const meRoutes: IntercomRoute[] = [{ method: "GET", path: "/me", handler: identifyAdmin }];
