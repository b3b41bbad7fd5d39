// The Intercom connector's public surface; import from here rather than from deep files.
export { checkEndpoint, type EndpointCheck } from "./check-endpoint";
export {
  classifyResponse,
  classifyTransportError,
  type Classification,
  type IntercomOutcome,
} from "./classify-outcome";
export { DEFAULT_TIMEOUT_MS, sendIntercomRequest } from "./client";
export type { IntercomRequest, IntercomResult, SentRequest } from "./client-types";
export {
  endpointsByObject,
  findEndpoint,
  findEndpointById,
  intercomConnector,
  matchEndpoint,
  methodsForPath,
  type EndpointMatch,
} from "./definition";
export { closeIntercomDispatcher } from "./http-agent";
export { fillPathTemplate, toUrlPath } from "./match-path";
export { paginate, type IntercomPage, type PaginateOptions } from "./paginate";
export { parseIntercomErrors, parseExistingId, type IntercomError } from "./parse-error-body";
export { parseRateLimitHeaders, parseRetryAfter, type RateLimitInfo } from "./rate-limit-headers";
export { findRegion, isRegionId, REGION_IDS, regionBaseUrl, sandboxBaseUrl, type RegionId } from "./regions";
export { DEFAULT_API_VERSION, INTERCOM_API_VERSIONS, isIntercomApiVersion, type IntercomApiVersion } from "./versions";
export { callIntercom, IntercomCallError, type IntercomContext } from "./operations/context";
export { getMe, type MeInfo } from "./operations/get-me";
export { listContacts, searchContacts } from "./operations/list-contacts";
export { listCompanies } from "./operations/list-companies";
export { listCompaniesForEachContact, listContactCompanies } from "./operations/list-contact-companies";
export {
  createContentExport,
  downloadContentExport,
  getContentExportStatus,
  runContentExport,
  waitForContentExport,
} from "./operations/content-export";
export { universalRequest } from "./operations/universal-request";
export {
  createDataAttribute,
  listDataAttributes,
  type IntercomDataAttribute,
  type NewDataAttribute,
} from "./operations/data-attributes";
