import type { Metadata } from "next";
import { FlowCanvasPage } from "@/components/flows/flow-canvas-page";

export const metadata: Metadata = { title: "Flow" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <FlowCanvasPage flowId={id} />;
}
