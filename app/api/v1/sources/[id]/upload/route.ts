import { withApi } from "@/lib/api/with-api";
import { db } from "@/lib/db/client";
import { uploadFileRoute } from "@/lib/sources/api-routes";
import { uploadSourceFile } from "@/lib/flows/upload-source-file";

export const dynamic = "force-dynamic";

// The file is the raw body: withApi parses no body here (the spec has none), so it is streamed.
export const POST = withApi(uploadFileRoute, ({ org, params, query, req }) =>
  uploadSourceFile({
    db: db(),
    organisationId: org.organisationId,
    sourceId: params.id,
    fileName: query.fileName,
    format: query.format,
    body: req.body,
    contentLength: req.headers.get("content-length"),
  }),
);
