import { createContentExportBody } from "../schemas/misc-bodies";
import { ALL_VERSIONS } from "../versions";
import { defineEndpoints, EXAMPLE_IDS } from "./define-endpoints";

const jobPath = { job_identifier: EXAMPLE_IDS.exportJob };

// Content data export is a job: create, poll status until completed, then download gzipped CSV.
export const exportEndpoints = defineEndpoints("Data export", [
  {
    id: "export.content.create",
    name: "Create a content data export",
    description: "Starts an export of message delivery and engagement data for a time range.",
    method: "POST",
    path: "/export/content/data",
    versions: ALL_VERSIONS,
    access: "read",
    bodySchema: createContentExportBody,
    requiredBodyFields: ["created_at_after", "created_at_before"],
    exampleBody: { created_at_after: 1734519776, created_at_before: 1734537776 },
    job: { statusEndpointId: "export.content.status", idProperty: "job_identifier" },
  },
  {
    id: "export.content.status",
    name: "Check a content data export",
    description: "Reports the job's status: pending, in_progress, completed, failed, no_data or canceled.",
    method: "GET",
    path: "/export/content/data/{job_identifier}",
    versions: ALL_VERSIONS,
    access: "read",
    examplePathParams: jobPath,
  },
  {
    id: "export.content.download",
    name: "Download a content data export",
    description: "Downloads a completed export as gzipped CSV (Accept: application/octet-stream).",
    method: "GET",
    path: "/download/content/data/{job_identifier}",
    versions: ALL_VERSIONS,
    access: "read",
    accept: "application/octet-stream",
    examplePathParams: jobPath,
  },
  {
    id: "export.cancel",
    name: "Cancel a data export",
    description: "Cancels a running export job.",
    method: "POST",
    path: "/export/cancel/{job_identifier}",
    versions: ALL_VERSIONS,
    access: "read",
    examplePathParams: jobPath,
  },
]);
