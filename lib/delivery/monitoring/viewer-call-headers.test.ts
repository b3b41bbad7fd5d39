import { describe, expect, it } from "vitest";
import { headersForReader } from "./viewer-call-headers";

describe("headersForReader", () => {
  const stored = { authorization: "Bearer ••••abcd", "content-type": "application/json", accept: "••••x" };

  it("keeps the tail of the connection the reader may see", () => {
    expect(headersForReader(stored, "abcd")).toEqual(stored);
  });

  it("masks the tail whole for a reader who may not see the connection", () => {
    expect(headersForReader(stored, null)).toEqual({ ...stored, authorization: "Bearer ••••" });
  });

  it("masks a tail from another token (the destination was on another connection when it called)", () => {
    expect(headersForReader({ Authorization: "Bearer ••••wxyz" }, "abcd")).toEqual({ Authorization: "Bearer ••••" });
    expect(headersForReader({ "proxy-authorization": "••••wxyz" }, "abcd")).toEqual({ "proxy-authorization": "••••" });
  });

  it("leaves an already whole mask as it is", () => {
    expect(headersForReader({ authorization: "Bearer ••••" }, "abcd")).toEqual({ authorization: "Bearer ••••" });
  });
});
