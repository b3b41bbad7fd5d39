import { ALL_VERSIONS } from "../versions";
import { defineEndpoints } from "./define-endpoints";

export const meEndpoints = defineEndpoints("Admins", [
  {
    id: "me.get",
    name: "Identify the admin (GET /me)",
    description: "The admin the token belongs to, with the workspace (app): used to test a credential.",
    method: "GET",
    path: "/me",
    versions: ALL_VERSIONS,
    access: "read",
  },
]);
