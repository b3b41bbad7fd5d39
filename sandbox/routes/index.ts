import { Router } from "../http/router";
import type { IntercomRoute } from "../intercom/route-types";
import { bulkContactRoutes } from "./bulk-contacts";
import { companyRoutes } from "./companies";
import { contactCompanyRoutes } from "./contact-companies";
import { contactListRoutes } from "./contact-list";
import { contactRoutes } from "./contacts";
import { conversationRoutes } from "./conversations";
import { dataAttributeRoutes } from "./data-attributes";
import { dataExportRoutes } from "./data-export";
import { eventRoutes } from "./events";
import { meRoutes } from "./me";
import { messageRoutes } from "./messages";
import { noteRoutes } from "./notes";
import { tagRoutes } from "./tags";
import { ticketRoutes } from "./tickets";

/** Every Intercom endpoint the sandbox implements. */
export const INTERCOM_ROUTES: readonly IntercomRoute[] = [
  ...meRoutes,
  ...contactRoutes,
  ...contactListRoutes,
  ...bulkContactRoutes,
  ...companyRoutes,
  ...contactCompanyRoutes,
  ...tagRoutes,
  ...noteRoutes,
  ...eventRoutes,
  ...conversationRoutes,
  ...messageRoutes,
  ...ticketRoutes,
  ...dataAttributeRoutes,
  ...dataExportRoutes,
];

export function buildIntercomRouter(routes: readonly IntercomRoute[] = INTERCOM_ROUTES): Router<IntercomRoute> {
  const router = new Router<IntercomRoute>();
  for (const route of routes) router.add(route.method, route.path, route);
  return router;
}
