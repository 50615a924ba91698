// Drives the real route handlers with real Request objects, as Next would.
import { randomUUID } from "node:crypto";
import { POST as commandsRoute } from "@/app/api/boards/[boardId]/commands/route";
import { GET as logRoute } from "@/app/api/boards/[boardId]/log/route";
import { GET as getBoardRoute } from "@/app/api/boards/[boardId]/route";
import { POST as createBoardRoute } from "@/app/api/boards/route";

const ORIGIN = "http://localhost:3000";

// biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers by shape
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

const params = (boardId: string) => ({ params: Promise.resolve({ boardId }) });

export function post(path: string, body: string | object, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", host: "localhost:3000", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export async function createBoard(title = "Test board"): Promise<string> {
  const created = await answer(await createBoardRoute(post("/api/boards", { title })));
  if (created.status !== 201) throw new Error(`createBoard failed: ${JSON.stringify(created.body)}`);
  return created.body.boardId;
}

export async function createBoardRaw(body: string | object, headers?: Record<string, string>) {
  return answer(await createBoardRoute(post("/api/boards", body, headers)));
}

export async function send(boardId: string, body: string | object, headers?: Record<string, string>) {
  return answer(await commandsRoute(post(`/api/boards/${boardId}/commands`, body, headers), params(boardId)));
}

export async function getBoard(boardId: string, query = "") {
  return answer(await getBoardRoute(new Request(`${ORIGIN}/api/boards/${boardId}${query}`), params(boardId)));
}

export async function getLog(boardId: string, query = "") {
  return answer(await logRoute(new Request(`${ORIGIN}/api/boards/${boardId}/log${query}`), params(boardId)));
}

/** A fresh 21+ character id for a column or item. */
export const newId = (prefix = "id") => `${prefix}-${randomUUID()}`;

export const command = <T extends object>(type: string, fields: T) => ({ commandId: randomUUID(), type, ...fields });
