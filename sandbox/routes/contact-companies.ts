import { z } from "zod";
import { parameterNotFound } from "../http/errors";
import { parseBody } from "../intercom/parse-body";
import { type IntercomRequest, type IntercomRoute, ok } from "../intercom/route-types";
import { requireCompany } from "./companies";
import { presentCompany } from "./company-view";
import { requireContact } from "./lookup";

const attachSchema = z.object({ id: z.string().optional() });

function attachCompany({ app, params, body }: IntercomRequest) {
  const contact = requireContact(app, params.contact_id);
  const { id } = parseBody(attachSchema, body);
  if (!id) throw parameterNotFound("company not specified");
  const company = requireCompany(app, id);
  app.data.attachCompany(contact.id, company.id);
  return ok(presentCompany(app, company));
}

function listContactCompanies({ app, params }: IntercomRequest) {
  const contact = requireContact(app, params.contact_id);
  const companies = [...contact.companyIds].flatMap((id) => {
    const company = app.data.companies.get(id);
    return company ? [presentCompany(app, company)] : [];
  });
  return ok({
    type: "list",
    data: companies,
    pages: {
      type: "pages",
      next: null,
      page: 1,
      per_page: 50,
      total_pages: Math.max(1, Math.ceil(companies.length / 50)),
    },
    total_count: companies.length,
  });
}

function detachCompany({ app, params }: IntercomRequest) {
  const contact = requireContact(app, params.contact_id);
  const company = requireCompany(app, params.company_id);
  app.data.detachCompany(contact.id, company.id);
  return ok(presentCompany(app, company));
}

export const contactCompanyRoutes: IntercomRoute[] = [
  { method: "POST", path: "/contacts/{contact_id}/companies", handler: attachCompany },
  { method: "GET", path: "/contacts/{contact_id}/companies", handler: listContactCompanies },
  { method: "DELETE", path: "/contacts/{contact_id}/companies/{company_id}", handler: detachCompany },
];
