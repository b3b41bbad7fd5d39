import { describe, expect, it } from "vitest";
import { nextPage } from "./paginate";

const BASE = "https://api.intercom.io";

describe("nextPage", () => {
  it("follows a cursor", () => {
    expect(nextPage({ pages: { next: { per_page: 50, starting_after: "WzE3MzQ=" } } }, BASE)).toEqual({
      startingAfter: "WzE3MzQ=",
    });
  });

  it("follows a same-host next link, never another host", () => {
    expect(nextPage({ pages: { next: "https://api.intercom.io/contacts/1/companies?page=2" } }, BASE)).toEqual({
      url: "https://api.intercom.io/contacts/1/companies?page=2",
    });
    expect(nextPage({ pages: { next: "/contacts/1/companies?page=2" } }, BASE)).toEqual({
      url: "https://api.intercom.io/contacts/1/companies?page=2",
    });
    expect(nextPage({ pages: { next: "https://evil.example/steal" } }, BASE)).toBeUndefined();
  });

  it("counts pages when there is no cursor", () => {
    expect(nextPage({ pages: { page: 1, total_pages: 3 } }, BASE)).toEqual({ page: 2 });
    expect(nextPage({ pages: { page: 3, total_pages: 3 } }, BASE)).toBeUndefined();
  });

  it("ends when there is nothing to follow", () => {
    expect(nextPage({}, BASE)).toBeUndefined();
    expect(nextPage({ pages: { next: null } }, BASE)).toBeUndefined();
    expect(nextPage({ pages: { next: { starting_after: "" } } }, BASE)).toBeUndefined();
  });
});
