// The fan-out floor: a bare node:http server doing what Driftless does for one append and one
// reader, and nothing else — the same Postgres transaction, one Redis publish, ONE subscriber
// per process, an SSE write per reader. Run as: tsx tests/bench/floor-server.ts <port>
import { randomUUID } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import { Redis } from "ioredis";
import postgres from "postgres";

const port = Number(process.argv[2]);
const sql = postgres(process.env.DATABASE_URL as string, { max: 10 });
const publisher = new Redis(process.env.REDIS_URL as string);
const subscriber = new Redis(process.env.REDIS_URL as string);
const readers = new Map<string, Set<ServerResponse>>();

await subscriber.psubscribe("floor:*");
subscriber.on("pmessage", (_pattern, channel, message) => {
  const board = channel.slice("floor:".length);
  const event = JSON.parse(message) as { version: number };
  const frame = `id: ${event.version}\ndata: ${message}\n\n`;
  for (const response of readers.get(board) ?? []) response.write(frame);
});

createServer(async (request, response) => {
  const [, kind, board] = (request.url ?? "").split("/");
  if (request.method === "POST" && kind === "append") {
    const commandId = randomUUID();
    const event = await sql.begin(async (tx) => {
      const [{ version }] = await tx`SELECT version FROM boards WHERE id = ${board} FOR UPDATE`;
      const next = version + 1;
      const data = { title: `floor ${next}` };
      await tx`INSERT INTO events (board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at)
               VALUES (${board}, ${next}, 'BoardRenamed', 1, ${sql.json(data)}, ${commandId}, 'floor', 'Floor', now())`;
      await tx`UPDATE boards SET version = ${next} WHERE id = ${board}`;
      const outcome = { status: "accepted", commandId, version: next };
      await tx`INSERT INTO command_outcomes (command_id, board_id, outcome) VALUES (${commandId}, ${board}, ${sql.json(outcome)})`;
      return { version: next, type: "BoardRenamed", data, commandId };
    });
    await publisher.publish(`floor:${board}`, JSON.stringify(event));
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(event));
    return;
  }
  if (request.method === "GET" && kind === "events") {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    response.write("event: ready\ndata: {}\n\n");
    const set = readers.get(board) ?? new Set<ServerResponse>();
    readers.set(board, set);
    set.add(response);
    request.on("close", () => set.delete(response));
    return;
  }
  response.writeHead(404).end();
}).listen(port, "127.0.0.1", () => process.stdout.write("ready\n"));
