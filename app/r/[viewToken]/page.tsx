import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { toRecord } from "@/lib/domain";
import { getShared as load } from "@/lib/server/share";
import { SharedBoard } from "./SharedBoard";

type Props = { params: Promise<{ viewToken: string }> };

export const dynamic = "force-dynamic";

const getShared = cache(load);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const shared = await getShared((await params).viewToken);
  const base = { robots: { index: false, follow: false }, referrer: "no-referrer" } as const;
  if (!shared.ok) return { ...base, title: "Link not found" };
  const { state } = shared.value;
  const columns = state.columns.size;
  const items = state.items.size;
  const description = `A read-only Driftless board: ${columns} ${columns === 1 ? "column" : "columns"}, ${items} ${items === 1 ? "item" : "items"}.`;
  return {
    ...base,
    title: `${state.title} (read-only)`,
    description,
    openGraph: { title: state.title, description, type: "website", siteName: "Driftless" },
  };
}

/** The whole board in the server's HTML (works without JavaScript); live when JavaScript runs. */
export default async function SharedBoardPage({ params }: Props) {
  const { viewToken } = await params;
  const shared = await getShared(viewToken);
  if (!shared.ok) notFound();
  // The plain record, as the board page gets it: the page folds live events onto the state itself,
  // removed things included (a view could not carry them whole).
  return (
    <SharedBoard
      viewToken={viewToken}
      version={shared.value.version}
      initial={JSON.stringify(toRecord(shared.value.state))}
    />
  );
}
