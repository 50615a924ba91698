// A board created on this device offline: its creation is first in its queue, sent alone through
// `create` (POST /api/boards), and the board's own changes follow only once it was accepted.
import { describe, expect, it } from "vitest";
import {
  type CommandAnswer,
  memoryOutbox,
  Outbox,
  type OutboxTransport,
  queuedEntry,
  RetryLater,
} from "@/lib/client/outbox";
import type { BoardChange, BoardCreation, Command } from "@/lib/domain";

const BOARD = "board-created-offline0";
const creation: BoardCreation = {
  commandId: "44444444-4444-4444-8444-000000000000",
  type: "createBoard",
  title: "Made on a train",
};
const command = (n: number): Command => ({
  commandId: `44444444-4444-4444-8444-${String(n).padStart(12, "0")}`,
  type: "renameBoard",
  title: `T${n}`,
});

type Reply = CommandAnswer | "fail";
const accept = (c: BoardChange): CommandAnswer => ({
  status: "accepted",
  commandId: c.commandId,
  version: 1,
  events: [],
});

function setUp({
  create,
  online = () => true,
  pending,
}: {
  create: () => Reply;
  online?: () => boolean;
  pending?: () => BoardChange[];
}) {
  const sent: string[] = [];
  const transport: OutboxTransport = {
    async sendOne(_board, c) {
      sent.push(`one:${c.type}`);
      return accept(c);
    },
    async sendBatch(_board, commands) {
      sent.push(`batch:${commands.map((c) => c.type).join(",")}`);
      return commands.map(accept);
    },
    async create(boardId, made) {
      expect(boardId).toBe(BOARD);
      const reply = create();
      if (reply === "fail") throw new RetryLater("offline");
      sent.push(`create:${made.title}`);
      return reply;
    },
  };
  const storage = memoryOutbox();
  const accepted: string[] = [];
  const rejected: { id: string; reason: string }[] = [];
  const timers: number[] = [];
  const box = new Outbox(
    BOARD,
    storage,
    transport,
    {
      accepted: (answer) => accepted.push(answer.commandId),
      rejected: (change, answer) => rejected.push({ id: change.commandId, reason: answer.reason }),
      pending,
    },
    undefined,
    online,
    (_run, ms) => timers.push(ms),
    () => {},
  );
  return { box, storage, sent, accepted, rejected, timers };
}

async function queue(storage: ReturnType<typeof memoryOutbox>, ...changes: BoardChange[]) {
  for (const change of changes) await storage.put(queuedEntry(BOARD, change));
}

describe("Outbox with a board created offline", () => {
  it("sends the creation alone and first, then the board's changes in one batch", async () => {
    const { box, storage, sent, accepted } = setUp({ create: () => accept(creation) });
    await queue(storage, creation, command(1), command(2));
    await box.drain();
    expect(sent).toEqual(["create:Made on a train", "batch:renameBoard,renameBoard"]);
    expect(accepted).toEqual([creation.commandId, command(1).commandId, command(2).commandId]);
    expect(storage.entries.size).toBe(0);
  });

  it("sends nothing behind a creation the server could not be reached for, and tries again later", async () => {
    let reachable = false;
    const { box, storage, sent, timers } = setUp({ create: () => (reachable ? accept(creation) : "fail") });
    await queue(storage, creation, command(1));
    await box.drain();
    expect(sent).toEqual([]);
    expect(storage.entries.size).toBe(2);
    expect(timers).toHaveLength(1); // online, but no answer: the back-off's timer
    reachable = true;
    await box.drain();
    expect(sent).toEqual(["create:Made on a train", "one:renameBoard"]);
    expect(storage.entries.size).toBe(0);
  });

  it("offline, offers the creation to nobody else (no Background Sync for it) and waits for the network", async () => {
    const { box, storage, sent, timers } = setUp({ create: () => "fail", online: () => false });
    await queue(storage, creation, command(1));
    await box.drain();
    expect(sent).toEqual([]);
    expect(timers).toEqual([]); // the `online` event sends it
    expect(storage.entries.size).toBe(2);
  });

  it("a refused creation refuses what was queued for that board too, in words, and sends none of it", async () => {
    const taken: CommandAnswer = {
      status: "rejected",
      commandId: creation.commandId,
      code: "conflict",
      reason: "This board id is already taken by another board.",
    };
    const { box, storage, sent, rejected } = setUp({ create: () => taken });
    await queue(storage, creation, command(1));
    await box.drain();
    expect(sent).toEqual(["create:Made on a train"]);
    expect(rejected).toEqual([
      { id: creation.commandId, reason: taken.reason },
      {
        id: command(1).commandId,
        reason: "the board “Made on a train” could not be created (This board id is already taken by another board.)",
      },
    ]);
    expect(storage.entries.size).toBe(0);
  });

  it("asks again through `create` for a creation another tab sent (never as a command), then the rest", async () => {
    const { box, storage, sent, accepted, rejected } = setUp({
      create: () => ({ ...accept(creation), duplicate: true }),
      pending: () => [creation, command(1)],
    });
    await queue(storage, creation, command(1));
    await box.waiting();
    await storage.remove([creation.commandId, command(1).commandId]);
    await box.drain();
    expect(sent).toEqual(["create:Made on a train", "batch:renameBoard"]);
    // Still shown pending here (the fake page drops nothing): its answer is told again, not asked.
    expect(new Set(accepted)).toEqual(new Set([creation.commandId, command(1).commandId]));
    expect(rejected).toEqual([]);
  });
});
