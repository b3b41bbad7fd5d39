import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PersonalToNotice } from "./personal-to-notice";

describe("the wizard's notice for a colleague's personal connection", () => {
  it("says whose connection it is and that saving needs one of the viewer's own", () => {
    const html = renderToStaticMarkup(<PersonalToNotice personalTo="Ana Silva" />);
    expect(html).toContain("<strong>personal to Ana Silva</strong>");
    expect(html).toContain("Delivery keeps running with it");
    expect(html).toContain("choose one of your connections");
  });
});
