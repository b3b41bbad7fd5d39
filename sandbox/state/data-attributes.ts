import type { DataAttributeRecord } from "./records";

export type AttributeModel = "contact" | "company";

// Intercom's standard attributes, listed by GET /data_attributes; custom ones must be created before
// a contact or company may carry them (Intercom refuses unknown custom attributes).
const STANDARD: Array<[AttributeModel, string, string]> = [
  ["contact", "name", "string"],
  ["contact", "email", "string"],
  ["contact", "phone", "string"],
  ["contact", "external_id", "string"],
  ["contact", "role", "string"],
  ["contact", "owner_id", "integer"],
  ["contact", "signed_up_at", "date"],
  ["contact", "last_seen_at", "date"],
  ["contact", "unsubscribed_from_emails", "boolean"],
  ["contact", "language_override", "string"],
  ["company", "name", "string"],
  ["company", "company_id", "string"],
  ["company", "plan", "string"],
  ["company", "size", "integer"],
  ["company", "website", "string"],
  ["company", "industry", "string"],
  ["company", "monthly_spend", "float"],
  ["company", "remote_created_at", "date"],
];

export class DataAttributeStore {
  private readonly custom = new Map<string, DataAttributeRecord>();
  private nextId = 1;

  constructor(private readonly createdAt: number) {}

  standard(): DataAttributeRecord[] {
    return STANDARD.map(([model, name, dataType], index) => ({
      id: 0 - index - 1,
      name,
      model,
      dataType,
      description: "",
      options: [],
      custom: false,
      createdAt: this.createdAt,
    }));
  }

  list(model?: AttributeModel): DataAttributeRecord[] {
    const all = [...this.standard(), ...this.custom.values()];
    return model ? all.filter((a) => a.model === model) : all;
  }

  findCustom(model: AttributeModel, name: string): DataAttributeRecord | undefined {
    return this.custom.get(`${model}:${name}`);
  }

  isTaken(model: AttributeModel, name: string): boolean {
    return this.findCustom(model, name) !== undefined || STANDARD.some(([m, n]) => m === model && n === name);
  }

  create(fields: Omit<DataAttributeRecord, "id" | "custom">): DataAttributeRecord {
    const record: DataAttributeRecord = { ...fields, id: this.nextId++, custom: true };
    this.custom.set(`${record.model}:${record.name}`, record);
    return record;
  }
}
