import type { ComponentType } from "react";
import { BatchingStep } from "./steps/batching-step";
import { CredentialStep } from "./steps/credential-step";
import { EndpointStep } from "./steps/endpoint-step";
import { ExcludeStep } from "./steps/exclude-step";
import { FormatStep } from "./steps/format-step";
import { HeadersStep } from "./steps/headers-step";
import { MappingStep } from "./mapping/mapping-step";
import { MethodStep } from "./steps/method-step";
import { ResponseWebhookStep } from "./steps/response-webhook-step";
import { ReviewStep } from "./steps/review-step";

// One component per WIZARD_STEPS id (lib/destinations/wizard-steps.ts holds the order and fields).
export const STEP_COMPONENTS: Readonly<Record<string, ComponentType>> = {
  credential: CredentialStep,
  method: MethodStep,
  format: FormatStep,
  endpoint: EndpointStep,
  mapping: MappingStep,
  headers: HeadersStep,
  exclude: ExcludeStep,
  batching: BatchingStep,
  responseWebhook: ResponseWebhookStep,
  review: ReviewStep,
};
