import type { Metadata } from "next";
import { NexsetPage } from "@/components/nexsets/nexset-page";

export const metadata: Metadata = { title: "Nexset" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <NexsetPage nexsetId={id} />;
}
