import { withApi } from "@/lib/api/with-api";
import { testCredentialRoute } from "@/lib/credentials/api-routes";
import { testCredential } from "@/lib/credentials/test-credential";
import { viewerOf } from "@/lib/credentials/visibility";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const POST = withApi(testCredentialRoute, ({ org, params }) => testCredential(db(), viewerOf(org), params.id));
