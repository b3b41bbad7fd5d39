// Query keys for Nexsets: the view (schema, samples, origin) and pages of records.
export interface RecordPageParams {
  page: number;
  pageSize: number;
  order: "asc" | "desc";
}

export const nexsetKeys = {
  all: ["nexsets"] as const,
  nexset: (nexsetId: string) => [...nexsetKeys.all, nexsetId] as const,
  view: (nexsetId: string, params: RecordPageParams) => [...nexsetKeys.nexset(nexsetId), "view", params] as const,
  records: (nexsetId: string, params: RecordPageParams) => [...nexsetKeys.nexset(nexsetId), "records", params] as const,
};
