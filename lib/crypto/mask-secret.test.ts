import { describe, expect, it } from "vitest";
import { lastFour, maskFromLast4, maskSecret } from "./mask-secret";

describe("maskSecret", () => {
  it("shows only the last four characters of a real token", () => {
    expect(maskSecret("dG9rOmFiY2RlZjEyMzQ1Njc4OTBhYmNk")).toBe("••••YmNk");
    expect(lastFour("dG9rOmFiY2RlZjEyMzQ1Njc4OTBhYmNk")).toBe("YmNk");
  });

  it("masks short secrets entirely", () => {
    expect(maskSecret("abcd")).toBe("••••");
    expect(maskSecret("")).toBe("••••");
    expect(lastFour("short")).toBe("");
  });

  it("rebuilds the mask from a stored tail", () => {
    expect(maskFromLast4("wxyz")).toBe("••••wxyz");
    expect(maskFromLast4("")).toBe("••••");
  });
});
