import { describe, expect, it } from "vitest";
import { maskAuthorization } from "./call-record";

describe("maskAuthorization", () => {
  it("masks credentials under any spelling and leaves the caller's headers as they were", () => {
    const headers = {
      Authorization: "Bearer secret-token",
      "X-Api-Key": "k",
      cookie: "s=1",
      accept: "application/json",
    };
    expect(maskAuthorization(headers)).toEqual({
      Authorization: "••••",
      "X-Api-Key": "••••",
      cookie: "••••",
      accept: "application/json",
    });
    expect(headers.Authorization).toBe("Bearer secret-token");
  });

  it("keeps headers the client already masked", () => {
    const headers = { authorization: "Bearer ••••abcd", "content-type": "application/json" };
    expect(maskAuthorization(headers)).toEqual(headers);
  });
});
