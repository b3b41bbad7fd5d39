import type { CompanyRecord } from "../state/records";
import type { SandboxApp } from "../state/sandbox-app";

// The company object as the descriptions' `company` schema and examples show it. Optional facts
// are left out rather than sent as null, since the schema does not allow null for them.

export function presentCompany(app: SandboxApp, company: CompanyRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    type: "company",
    company_id: company.companyId,
    id: company.id,
    app_id: app.id,
    created_at: company.createdAt,
    updated_at: company.updatedAt,
    monthly_spend: company.monthlySpend,
    session_count: 0,
    user_count: app.data.companyUserCount(company.id),
    tags: { type: "tag.list", tags: [] },
    segments: { type: "segment.list", segments: [] },
    plan: company.plan ? { type: "plan", id: app.data.plans.get(company.plan) ?? "", name: company.plan } : {},
    custom_attributes: company.customAttributes,
  };
  if (company.name !== null) view.name = company.name;
  // Intercom reports the creation time when the client gave none.
  view.remote_created_at = company.remoteCreatedAt ?? company.createdAt;
  if (company.lastRequestAt !== null) view.last_request_at = company.lastRequestAt;
  if (company.size !== null) view.size = company.size;
  if (company.website !== null) view.website = company.website;
  if (company.industry !== null) view.industry = company.industry;
  return view;
}
