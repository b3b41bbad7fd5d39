import { z } from "zod";
import { companyNotFound, parameterNotFound } from "../http/errors";
import { parseBody } from "../intercom/parse-body";
import { knownFields, refuseUnknownFields } from "../intercom/unknown-fields";
import { versionAtLeast } from "../intercom/versions";
import { type IntercomRequest, type IntercomRoute, ok } from "../intercom/route-types";
import { newObjectId, unixSeconds } from "../state/ids";
import { type CompanyRecord, newCompanyRecord } from "../state/records";
import type { SandboxApp } from "../state/sandbox-app";
import { presentCompany } from "./company-view";
import { checkCustomAttributes } from "./custom-attributes";
import { parsePerPage } from "./pagination";

const companySchema = z.object({
  company_id: z.string().optional(),
  name: z.string().optional(),
  plan: z.string().optional(),
  size: z.number().int().optional(),
  website: z.string().optional(),
  industry: z.string().optional(),
  custom_attributes: z.record(z.string(), z.unknown()).nullable().optional(),
  remote_created_at: z.number().int().optional(),
  update_last_request_at: z.boolean().optional(),
  monthly_spend: z.number().optional(),
});

/** POST /companies creates the company with this company_id, or updates it when it exists. */
const companyFieldsIn = knownFields(companySchema.shape, {
  update_last_request_at: (version) => !versionAtLeast(version, "2.16"),
});

function createOrUpdateCompany({ app, body, nowMs, version }: IntercomRequest) {
  refuseUnknownFields(body, companyFieldsIn(version));
  const input = parseBody(companySchema, body);
  if (!input.company_id) throw parameterNotFound("company_id is a required parameter");
  if (input.custom_attributes) checkCustomAttributes(app, "company", input.custom_attributes);
  const now = unixSeconds(nowMs);
  const existingId = app.data.companyIdsByRemoteId.get(input.company_id);
  const company: CompanyRecord =
    (existingId && app.data.companies.get(existingId)) || newCompanyRecord(newObjectId(nowMs), input.company_id, now);
  if (input.name !== undefined) company.name = input.name;
  if (input.plan !== undefined) company.plan = input.plan;
  if (input.plan !== undefined && !app.data.plans.has(input.plan))
    app.data.plans.set(input.plan, app.data.ids.take("plan"));
  if (input.size !== undefined) company.size = input.size;
  if (input.website !== undefined) company.website = input.website;
  if (input.industry !== undefined) company.industry = input.industry;
  if (input.monthly_spend !== undefined) company.monthlySpend = input.monthly_spend;
  if (input.remote_created_at !== undefined) company.remoteCreatedAt = input.remote_created_at;
  if (input.update_last_request_at) company.lastRequestAt = now;
  if (input.custom_attributes) company.customAttributes = { ...company.customAttributes, ...input.custom_attributes };
  company.updatedAt = now;
  app.data.companies.set(company.id, company);
  app.data.companyIdsByRemoteId.set(company.companyId, company.id);
  return ok(presentCompany(app, company));
}

const DEFAULT_COMPANIES_PER_PAGE = 15;
const MAX_COMPANIES_PER_PAGE = 60;

/** GET /companies: page-numbered list, optionally narrowed by company_id or name (404 when nothing matches). */
function listCompanies({ app, query }: IntercomRequest) {
  const perPage = parsePerPage(query.get("per_page"), DEFAULT_COMPANIES_PER_PAGE, MAX_COMPANIES_PER_PAGE);
  const page = Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1);
  const companyId = query.get("company_id");
  const name = query.get("name");
  let companies = [...app.data.companies.values()];
  if (companyId !== null) companies = companies.filter((c) => c.companyId === companyId);
  if (name !== null) companies = companies.filter((c) => c.name === name);
  if ((companyId !== null || name !== null) && companies.length === 0) throw companyNotFound();
  const totalPages = Math.ceil(companies.length / perPage);
  return ok({
    type: "list",
    data: companies.slice((page - 1) * perPage, page * perPage).map((c) => presentCompany(app, c)),
    total_count: companies.length,
    pages: {
      type: "pages",
      page,
      per_page: perPage,
      total_pages: totalPages,
      next: page < totalPages ? { page: page + 1, per_page: perPage } : null,
    },
  });
}

export function requireCompany(app: SandboxApp, id: string | undefined): CompanyRecord {
  const company = id === undefined ? undefined : app.data.companies.get(id);
  if (!company) throw companyNotFound();
  return company;
}

function showCompany({ app, params }: IntercomRequest) {
  return ok(presentCompany(app, requireCompany(app, params.company_id)));
}

export const companyRoutes: IntercomRoute[] = [
  { method: "POST", path: "/companies", handler: createOrUpdateCompany },
  { method: "GET", path: "/companies", handler: listCompanies },
  { method: "GET", path: "/companies/{company_id}", handler: showCompany },
];
