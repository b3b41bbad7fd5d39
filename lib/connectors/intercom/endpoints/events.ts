import { eventBodyFields } from "../body-fields";
import { submitEventBody } from "../schemas/misc-bodies";
import { ALL_VERSIONS } from "../versions";
import { defineEndpoints } from "./define-endpoints";

export const eventEndpoints = defineEndpoints("Events", [
  {
    id: "events.submit",
    name: "Submit a data event",
    description: "Records an event on a contact (named by id, user_id or email). Intercom answers 202 with no body.",
    method: "POST",
    path: "/events",
    versions: ALL_VERSIONS,
    access: "write",
    bodySchema: submitEventBody,
    bodyFields: eventBodyFields,
    requiredBodyFields: ["event_name", "created_at"],
    exampleBody: {
      event_name: "invited-friend",
      created_at: 1734537243,
      email: "jane@example.com",
      metadata: { invitee_email: "pi@example.org", invite_code: "ADDAFRIEND" },
    },
  },
]);
