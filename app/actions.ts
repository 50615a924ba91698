"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createBoard } from "@/lib/server/boards";
import { clientAddress } from "@/lib/server/client-address";
import { getLimiter } from "@/lib/server/rate-limit";
import { actionCrossSiteRefusal, actionVisitor } from "@/lib/server/session";

export interface CreateBoardState {
  readonly error?: string;
  readonly title?: string;
}

/** The landing page's form: creates a board and opens it. Works without JavaScript. */
export async function createBoardAction(_previous: CreateBoardState, form: FormData): Promise<CreateBoardState> {
  const raw = form.get("title");
  const typed = typeof raw === "string" ? raw : "";
  const title = typed.trim() !== "" ? typed : "Untitled board";
  // A refusal gives the field back what was typed (an empty field stays empty).
  const refused = await actionCrossSiteRefusal();
  if (refused) return { error: refused.reason, title: typed };
  const limited = await getLimiter().take([[getLimiter().limits.boardsPerIp, clientAddress(await headers())]]);
  if (!limited.ok) return { error: limited.rejection.reason, title: typed };
  const created = await createBoard({ title }, await actionVisitor());
  if (!created.ok) return { error: created.rejection.reason, title: typed };
  redirect(`/b/${created.value.boardId}`);
}
