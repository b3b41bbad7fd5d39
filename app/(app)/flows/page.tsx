import type { Metadata } from "next";
import { FlowsPage } from "@/components/flows/flows-page";

export const metadata: Metadata = { title: "Flows" };

export default function Page() {
  return <FlowsPage />;
}
