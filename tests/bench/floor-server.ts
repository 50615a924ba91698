// The fan-out floor: the best bare node:http server we can write doing what Driftless does for one
// append and its readers, and nothing else. An append is the same work in the same single
// statement (the head moves, the event and the command's outcome are written, all or nothing); it
// is published on Redis after commit; EVERY instance, the committing one too, fans out from its
// ONE subscriber; and a skip (two instances' messages crossing, a lost message) is read from
// Postgres at once, with the later events held until it is filled. A frame is encoded once and the
// same bytes written to every reader. Run as: tsx tests/bench/floor-server.ts <port>
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Redis } from "ioredis";
import postgres from "postgres";

const port = Number(process.argv[2]);
const sql = postgres(process.env.DATABASE_URL as string, { max: 10 });
const publisher = new Redis(process.env.REDIS_URL as string, { enableAutoPipelining: true });
const subscriber = new Redis(process.env.REDIS_URL as string);

interface Board {
  readonly readers: Set<ServerResponse>;
  /** The last version written to the readers; undefined until its first reader read the head. */
  last: number | undefined;
  /** Versions after a skip, waiting for the gap's read. */
  readonly held: Map<number, Buffer>;
  filling: boolean;
}
const boards = new Map<string, Board>();

function board(id: string): Board {
  let found = boards.get(id);
  if (!found) {
    found = { readers: new Set(), last: undefined, held: new Map(), filling: false };
    boards.set(id, found);
  }
  return found;
}

const frameOf = (version: number, json: string) => Buffer.from(`id: ${version}\ndata: ${json}\n\n`);

function write(target: Board, frame: Buffer): void {
  for (const response of target.readers) response.write(frame);
}

/** Writes what now continues `last`, in order. */
function drain(target: Board): void {
  for (let next = (target.last ?? 0) + 1; target.held.has(next); next++) {
    write(target, target.held.get(next) as Buffer);
    target.held.delete(next);
    target.last = next;
  }
}

async function fill(id: string, target: Board, upTo: number): Promise<void> {
  target.filling = true;
  try {
    const rows = await sql<{ version: number; json: string }[]>`
      SELECT version, json_build_object('version', version, 'type', type, 'data', data, 'commandId', command_id)::text AS json
      FROM events WHERE board_id = ${id} AND version > ${target.last ?? 0} AND version < ${upTo} ORDER BY version`;
    for (const row of rows)
      if (!target.held.has(row.version)) target.held.set(row.version, frameOf(row.version, row.json));
    drain(target);
  } finally {
    target.filling = false;
  }
  // Another skip came while this one was read.
  if (target.held.size > 0) void fill(id, target, Math.min(...target.held.keys()));
}

await subscriber.psubscribe("floor:*");
subscriber.on("pmessageBuffer", (_pattern: Buffer, channel: Buffer, message: Buffer) => {
  const id = channel.toString().slice("floor:".length);
  const target = boards.get(id);
  if (!target || target.readers.size === 0) return;
  const text = message.toString();
  const version = Number(text.slice(11, text.indexOf(",")));
  if (target.last === undefined || version <= target.last) return;
  const frame = frameOf(version, text);
  if (version === target.last + 1 && !target.filling) {
    write(target, frame);
    target.last = version;
    drain(target);
    return;
  }
  target.held.set(version, frame);
  if (!target.filling) void fill(id, target, version);
});

createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    // A floor that dies mid-run measures nothing: say what failed and answer 503.
    process.stderr.write(`floor: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!response.headersSent) response.writeHead(503);
    response.end();
  });
}).listen(port, "127.0.0.1", () => process.stdout.write("ready\n"));

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const [, kind, id] = (request.url ?? "").split("/");
  if (request.method === "POST" && kind === "append") {
    const commandId = randomUUID();
    // One statement, as Driftless writes a group: the head moves, the event and the outcome are
    // inserted through it.
    const [row] = await sql<{ version: number }[]>`
      WITH head AS (UPDATE boards SET version = version + 1 WHERE id = ${id} RETURNING id, version),
      appended AS (
        INSERT INTO events (board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at)
        SELECT id, version, 'BoardRenamed', 1, jsonb_build_object('title', 'floor ' || version), ${commandId}, 'floor', 'Floor', now()
        FROM head
      ), recorded AS (
        INSERT INTO command_outcomes (command_id, board_id, outcome)
        SELECT ${commandId}, id, jsonb_build_object('status', 'accepted', 'commandId', ${commandId}::text, 'version', version) FROM head
      )
      SELECT version FROM head`;
    const event = `{"version":${row.version},"type":"BoardRenamed","data":{"title":"floor ${row.version}"},"commandId":"${commandId}"}`;
    await publisher.publish(`floor:${id}`, event);
    response.writeHead(200, { "content-type": "application/json" }).end(event);
    return;
  }
  if (request.method === "GET" && kind === "events") {
    const target = board(id);
    // The board's head when its first reader came: what follows is live.
    if (target.last === undefined) {
      const [head] = await sql<{ version: number }[]>`SELECT version FROM boards WHERE id = ${id}`;
      target.last ??= head.version;
    }
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    response.write("event: ready\ndata: {}\n\n");
    target.readers.add(response);
    request.on("close", () => target.readers.delete(response));
    return;
  }
  response.writeHead(404).end();
}
