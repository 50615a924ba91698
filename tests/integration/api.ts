// Drives the real route handlers with real Request objects, as Next would.
import { randomUUID } from "node:crypto";
import { POST as commandsRoute } from "@/app/api/boards/[boardId]/commands/route";
import { GET as eventsRoute } from "@/app/api/boards/[boardId]/events/route";
import { GET as exportRoute } from "@/app/api/boards/[boardId]/export/route";
import { GET as exportCsvRoute } from "@/app/api/boards/[boardId]/export.csv/route";
import { GET as logRoute } from "@/app/api/boards/[boardId]/log/route";
import { GET as getBoardRoute } from "@/app/api/boards/[boardId]/route";
import { POST as importRoute } from "@/app/api/boards/import/route";
import { POST as createBoardRoute } from "@/app/api/boards/route";
import { GET as sharedEventsRoute } from "@/app/api/share/[viewToken]/events/route";
import { newActorCookie } from "@/lib/server/actor";
import { actorKeys } from "@/lib/server/actor-secret";
import { StreamReader } from "./stream-client";

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

/** The cookie header of a visitor the server knows (signed with this deployment's key), and its id. */
export async function signedVisitor(): Promise<{ cookie: string; id: string }> {
  const { id, value } = newActorCookie(await actorKeys());
  return { cookie: `driftless_actor=${value}`, id };
}

/** A fresh 21+ character id for a column or item. */
export const newId = (prefix = "id") => `${prefix}-${randomUUID()}`;

export const command = <T extends object>(type: string, fields: T) => ({ commandId: randomUUID(), type, ...fields });

/** The raw answer of the events route (headers, status, a body to read by hand). */
export function openEvents(boardId: string, query = "", headers: Record<string, string> = {}, signal?: AbortSignal) {
  return eventsRoute(
    new Request(`${ORIGIN}/api/boards/${boardId}/events${query}`, { headers, signal }),
    params(boardId),
  );
}

/** An EventSource on the events route, served in-process: `fetch` calls the route handler. */
export function readEvents(boardId: string, query = "", extraHeaders: Record<string, string> = {}): StreamReader {
  return new StreamReader(`${ORIGIN}/api/boards/${boardId}/events${query}`, {
    fetch: (url, init) =>
      eventsRoute(new Request(url, { ...init, headers: { ...init.headers, ...extraHeaders } }), params(boardId)),
  });
}

export function readSharedEvents(viewToken: string, query = ""): StreamReader {
  return new StreamReader(`${ORIGIN}/api/share/${viewToken}/events${query}`, {
    fetch: (url, init) => sharedEventsRoute(new Request(url, init), { params: Promise.resolve({ viewToken }) }),
  });
}

/** POST /api/boards/import with a file's text (or an object, sent as JSON). */
export async function importFile(body: string | object | Uint8Array, headers?: Record<string, string>) {
  const request =
    body instanceof Uint8Array
      ? new Request(`${ORIGIN}/api/boards/import`, {
          method: "POST",
          headers: { "content-type": "application/json", host: "localhost:3000", ...headers },
          body: body as BodyInit,
        })
      : post("/api/boards/import", body, headers);
  return answer(await importRoute(request));
}

/** GET /api/boards/:id/export: the status, headers and the body as text (a download, read whole). */
export async function exportText(boardId: string) {
  const response = await exportRoute(new Request(`${ORIGIN}/api/boards/${boardId}/export`), params(boardId));
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** GET /api/boards/:id/export.csv; the text keeps its byte order mark (Response.text() would drop it). */
export async function exportCsv(boardId: string) {
  const response = await exportCsvRoute(new Request(`${ORIGIN}/api/boards/${boardId}/export.csv`), params(boardId));
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, text };
}
