import { describe, expect, it } from "vitest";
import { convertValue, isEmptyValue } from "./convert-value";

const ok = (value: unknown) => ({ ok: true, value });

describe("convertValue to timestamp (Unix seconds)", () => {
  it("reads ISO dates and date-times with and without a zone (no zone is UTC)", () => {
    expect(convertValue("2024-03-01", "timestamp")).toEqual(ok(1709251200));
    expect(convertValue("2024-03-01T09:30:00Z", "timestamp")).toEqual(ok(1709285400));
    expect(convertValue("2024-03-01T09:30:00", "timestamp")).toEqual(ok(1709285400));
    expect(convertValue("2024-03-01 09:30", "timestamp")).toEqual(ok(1709285400));
    expect(convertValue("2024-03-01T11:30:00+02:00", "timestamp")).toEqual(ok(1709285400));
    expect(convertValue("2024-03-01T04:30:00-0500", "timestamp")).toEqual(ok(1709285400));
    expect(convertValue("2024-03-01T09:30:00.999Z", "timestamp")).toEqual(ok(1709285400));
  });

  it("takes Unix seconds and milliseconds, as numbers or text", () => {
    expect(convertValue(1709285400, "timestamp")).toEqual(ok(1709285400));
    expect(convertValue(1709285400123, "timestamp")).toEqual(ok(1709285400));
    expect(convertValue("1709285400", "timestamp")).toEqual(ok(1709285400));
    expect(convertValue(" 1709285400123 ", "timestamp")).toEqual(ok(1709285400));
  });

  it("refuses what is not a date, a date that does not exist, and dates before 1970", () => {
    for (const value of ["next tuesday", "03/01/2024", "2024-02-30", "2024-13-01", true, { at: 1 }, -5])
      expect(convertValue(value, "timestamp").ok).toBe(false);
    expect(convertValue("1969-12-31", "timestamp")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("1970"),
    });
  });
});

describe("convertValue from CSV text", () => {
  it("converts integers, floats and booleans", () => {
    expect(convertValue("12", "integer")).toEqual(ok(12));
    expect(convertValue(" -3 ", "integer")).toEqual(ok(-3));
    expect(convertValue("12.0", "integer")).toEqual(ok(12));
    expect(convertValue("12.5", "float")).toEqual(ok(12.5));
    expect(convertValue("1e3", "float")).toEqual(ok(1000));
    expect(convertValue("true", "boolean")).toEqual(ok(true));
    expect(convertValue("Yes", "boolean")).toEqual(ok(true));
    expect(convertValue("no", "boolean")).toEqual(ok(false));
    expect(convertValue("0", "boolean")).toEqual(ok(false));
    expect(convertValue(12, "string")).toEqual(ok("12"));
  });

  it("refuses values that do not convert, naming the value", () => {
    expect(convertValue("twelve", "integer")).toEqual({ ok: false, reason: '"twelve" is not a whole number' });
    expect(convertValue("12.5", "integer").ok).toBe(false);
    expect(convertValue("9007199254740993", "integer").ok).toBe(false);
    expect(convertValue("1,5", "float").ok).toBe(false);
    expect(convertValue("maybe", "boolean").ok).toBe(false);
    expect(convertValue({ a: 1 }, "string")).toEqual({ ok: false, reason: "an object is not text" });
  });

  it("auto sends the value as the record has it", () => {
    expect(convertValue({ a: [1] }, "auto")).toEqual(ok({ a: [1] }));
  });

  it("treats missing, null and blank cells as empty", () => {
    expect([undefined, null, "", "  "].every(isEmptyValue)).toBe(true);
    expect([0, false, "0"].some(isEmptyValue)).toBe(false);
  });
});
