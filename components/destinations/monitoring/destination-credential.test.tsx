import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DestinationCredential } from "./destination-credential";

describe("the destination page's credential line", () => {
  it("names a connection the viewer may see, with its region and masked token", () => {
    const html = renderToStaticMarkup(
      <DestinationCredential
        credential={{ visible: true, id: "c1", name: "Ana's Intercom", region: "eu", tokenLast4: "wxyz" }}
      />,
    );
    expect(html).toContain("Ana&#x27;s Intercom");
    expect(html).toContain("(EU, token …wxyz)");
  });

  it("shows a colleague's personal connection only as 'personal to <name>'", () => {
    const html = renderToStaticMarkup(
      <DestinationCredential credential={{ visible: false, personalTo: "Ana Silva" }} />,
    );
    expect(html).toBe("<span>Credential: personal to <strong>Ana Silva</strong></span>");
  });
});
