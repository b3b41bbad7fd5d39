import { createMessageBody } from "../schemas/conversation-bodies";
import { ALL_VERSIONS } from "../versions";
import { defineEndpoints, EXAMPLE_IDS } from "./define-endpoints";

export const messageEndpoints = defineEndpoints("Messages", [
  {
    id: "messages.create",
    name: "Send a message",
    description: "Sends an in-app or email message from an admin to a contact.",
    method: "POST",
    path: "/messages",
    versions: ALL_VERSIONS,
    access: "write",
    bodySchema: createMessageBody,
    requiredBodyFields: ["message_type", "from", "to"],
    exampleBody: {
      message_type: "email",
      subject: "Welcome aboard",
      body: "Hi Jane, thanks for signing up.",
      template: "plain",
      from: { type: "admin", id: Number(EXAMPLE_IDS.admin) },
      to: { type: "user", id: EXAMPLE_IDS.contact },
    },
  },
]);
