import { describe, expect, it } from "vitest";
import { webNodeOptions } from "./web-node-flags";

describe("webNodeOptions", () => {
  it("caps the heap by default and keeps NODE_OPTIONS the operator set", () => {
    expect(webNodeOptions({})).toBe("--max-old-space-size=256 --max-semi-space-size=8");
    expect(webNodeOptions({ NODE_OPTIONS: "--enable-source-maps", FLOWGATE_WEB_HEAP_MB: "512" })).toBe(
      "--enable-source-maps --max-old-space-size=512 --max-semi-space-size=8",
    );
  });

  it("leaves V8's default with 0 and refuses nonsense", () => {
    expect(webNodeOptions({ FLOWGATE_WEB_HEAP_MB: "0" })).toBe("");
    expect(() => webNodeOptions({ FLOWGATE_WEB_HEAP_MB: "lots" })).toThrow(/FLOWGATE_WEB_HEAP_MB/);
  });
});
