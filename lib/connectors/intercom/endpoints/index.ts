import type { EndpointDefinition } from "@/lib/connectors/types";
import { bulkEndpoints } from "./bulk";
import { companyEndpoints } from "./companies";
import { contactEndpoints } from "./contacts";
import { conversationEndpoints } from "./conversations";
import { dataAttributeEndpoints } from "./data-attributes";
import { eventEndpoints } from "./events";
import { exportEndpoints } from "./export";
import { meEndpoints } from "./me";
import { messageEndpoints } from "./messages";
import { noteEndpoints } from "./notes";
import { tagEndpoints } from "./tags";
import { ticketEndpoints } from "./tickets";

/** The whole Intercom catalogue, in picker order. */
export const intercomEndpoints: readonly EndpointDefinition[] = Object.freeze([
  ...contactEndpoints,
  ...bulkEndpoints,
  ...companyEndpoints,
  ...tagEndpoints,
  ...noteEndpoints,
  ...eventEndpoints,
  ...conversationEndpoints,
  ...messageEndpoints,
  ...ticketEndpoints,
  ...dataAttributeEndpoints,
  ...exportEndpoints,
  ...meEndpoints,
]);
