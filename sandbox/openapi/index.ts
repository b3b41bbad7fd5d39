// Loading Intercom's OpenAPI descriptions and validating requests and answers against them, for the
// sandbox's conformance test and the connector's request-conformance test.
export {
  DESCRIBED_VERSIONS,
  type DescribedVersion,
  describedVersionFor,
  descriptionDir,
  descriptionFile,
} from "./description-files";
export { type LoadedDescription, loadDescription } from "./load-description";
export { type FoundOperation, findOperation } from "./find-operation";
export {
  exampleErrors,
  type RequestToValidate,
  type ResponseToValidate,
  type ValidationOutcome,
  validateRequest,
  validateRequestBody,
  validateResponse,
} from "./validate";
