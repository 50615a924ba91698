import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  type CommandAnswer,
  memoryOutbox,
  Outbox,
  type OutboxTransport,
  type QueuedCommand,
  queuedEntry,
  REPLAY_BATCH,
  RetryLater,
} from "@/lib/client/outbox";
import { COMMAND_SCHEMA_VERSION, type Command, type RejectionCode, upgradeCommand } from "@/lib/domain";

const BOARD = "board-outbox-000000000";
const command = (n: number): Command => ({
  commandId: `33333333-3333-4333-8333-${String(n).padStart(12, "0")}`,
  type: "renameBoard",
  title: `T${n}`,
});
const accept = (c: Command): CommandAnswer => ({ status: "accepted", commandId: c.commandId, version: 1, events: [] });
const reject = (c: Command, code: RejectionCode = "not_found"): CommandAnswer => ({
  status: "rejected",
  commandId: c.commandId,
  code,
  reason: "Item “Milk” was removed.",
});

/** A fake server that records what reached it and answers per command. */
function server(answer: (c: Command) => CommandAnswer | "fail" = accept) {
  const received: { via: "one" | "batch"; ids: string[]; schemaVersion?: number }[] = [];
  const transport: OutboxTransport = {
    async sendOne(_board, c) {
      const a = answer(c);
      if (a === "fail") throw new RetryLater("offline");
      received.push({ via: "one", ids: [c.commandId] });
      return a;
    },
    async sendBatch(_board, commands, schemaVersion) {
      const answers = commands.map(answer);
      if (answers.includes("fail")) throw new RetryLater("offline");
      received.push({ via: "batch", ids: commands.map((c) => c.commandId), schemaVersion });
      return answers as CommandAnswer[];
    },
  };
  return { transport, received };
}

function outbox(
  transport: OutboxTransport,
  {
    online = (): boolean => true,
    pending,
    storage = memoryOutbox(),
  }: { online?: () => boolean; pending?: () => Command[]; storage?: ReturnType<typeof memoryOutbox> } = {},
) {
  const accepted: string[] = [];
  const rejected: string[] = [];
  const timers: { ms: number; run: () => void }[] = [];
  const box = new Outbox(
    BOARD,
    storage,
    transport,
    { accepted: (a) => accepted.push(a.commandId), rejected: (c) => rejected.push(c.commandId), pending },
    undefined,
    online,
    (run, ms) => {
      timers.push({ ms, run });
      return 0 as unknown as ReturnType<typeof setTimeout>;
    },
  );
  return { box, storage, accepted, rejected, timers };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("Outbox", () => {
  it("stores a command before sending it, and removes it once the server accepted it", async () => {
    let storedWhenSent = false;
    const { box, storage, accepted } = outbox({
      async sendOne(_b, c) {
        storedWhenSent = storage.entries.has(c.commandId);
        return accept(c);
      },
      sendBatch: async () => [],
    });
    await box.enqueue(command(1));
    await box.drain();
    expect(storedWhenSent).toBe(true);
    expect(accepted).toEqual([command(1).commandId]);
    expect(storage.entries.size).toBe(0);
  });

  it("replays queued commands in the order they were issued, in one batch", async () => {
    const online = { now: false };
    const fake = server((c) => (online.now ? accept(c) : "fail"));
    const { box, storage } = outbox(fake.transport);
    for (let n = 1; n <= 5; n++) await box.enqueue(command(n));
    await settle();
    expect(storage.entries.size).toBe(5);
    online.now = true;
    await box.drain();
    expect(fake.received).toEqual([
      { via: "batch", ids: [1, 2, 3, 4, 5].map((n) => command(n).commandId), schemaVersion: COMMAND_SCHEMA_VERSION },
    ]);
    expect(storage.entries.size).toBe(0);
  });

  it("retries with exponential back-off and jitter after failures", async () => {
    const fake = server(() => "fail");
    const { box, timers } = outbox(fake.transport);
    await box.enqueue(command(1));
    await settle();
    await box.drain();
    await box.drain();
    expect(timers.length).toBeGreaterThanOrEqual(3);
    const delays = timers.map((timer) => timer.ms);
    expect(delays[0]).toBeGreaterThanOrEqual(500);
    expect(delays[0]).toBeLessThanOrEqual(1500);
    expect(delays[2]).toBeGreaterThanOrEqual(2000);
    expect(delays[2]).toBeLessThanOrEqual(6000);
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(1, () => 1)).toBe(1500);
    expect(backoffDelay(30, () => 0.5)).toBe(60_000); // capped
  });

  it("halves a batch the rate limits refuse whole, until it fits, and sends everything once, in order", async () => {
    // A server whose limit lets at most 3 commands through per request (a batch over it is a 429).
    const received: string[] = [];
    const sizes: number[] = [];
    const limitedServer: OutboxTransport = {
      async sendOne() {
        throw new RetryLater("offline");
      },
      async sendBatch(_board, commands) {
        sizes.push(commands.length);
        if (commands.length > 3) throw new RetryLater("the server answered 429", 2000, true);
        received.push(...commands.map((c) => c.commandId));
        return commands.map(accept);
      },
    };
    const { box, storage, accepted, timers } = outbox(limitedServer);
    for (let n = 1; n <= 10; n++) await storage.put(queuedEntry(BOARD, command(n)));
    await box.drain();
    for (let turn = 0; storage.entries.size > 0 && turn < 20; turn++) {
      const timer = timers.shift();
      expect(timer?.ms).toBeGreaterThanOrEqual(2000); // the server's Retry-After, at least
      timer?.run();
      await settle();
    }
    expect(storage.entries.size).toBe(0);
    expect(received).toEqual(Array.from({ length: 10 }, (_, n) => command(n + 1).commandId));
    expect(accepted).toEqual(received);
    // Refused at 10 and at 5; 3 went through; each success lets the next batch try twice as many.
    expect(sizes.slice(0, 3)).toEqual([10, 5, 3]);
  });

  it("drops a permanently rejected command at once and still sends the ones behind it", async () => {
    const online = { now: false };
    const fake = server((c) => (!online.now ? "fail" : c.commandId === command(2).commandId ? reject(c) : accept(c)));
    const { box, storage, accepted, rejected } = outbox(fake.transport);
    for (let n = 1; n <= 3; n++) await box.enqueue(command(n));
    await settle();
    online.now = true;
    await box.drain();
    expect(rejected).toEqual([command(2).commandId]);
    expect(accepted).toEqual([command(1).commandId, command(3).commandId]);
    expect(storage.entries.size).toBe(0);
  });

  it("keeps a command the server could not apply yet (unavailable), with those behind it, in order", async () => {
    const storeUp = { now: false };
    const fake = server((c) => (storeUp.now ? accept(c) : reject(c, "unavailable")));
    const { box, storage, accepted, timers } = outbox(fake.transport);
    await box.enqueue(command(1));
    await box.enqueue(command(2));
    await settle();
    expect(storage.entries.size).toBe(2);
    expect(accepted).toEqual([]);
    expect(timers.length).toBeGreaterThan(0);
    storeUp.now = true;
    await box.drain();
    expect(accepted).toEqual([command(1).commandId, command(2).commandId]);
  });

  it("offline, hands each command to the service worker once instead of retrying", async () => {
    const handedOver: string[][] = [];
    const { box, storage, timers } = outbox(
      {
        sendOne: async () => {
          throw new RetryLater("offline");
        },
        sendBatch: async (_b, commands) => {
          handedOver.push(commands.map((c) => c.commandId));
          return "queued";
        },
      },
      { online: () => false },
    );
    await box.enqueue(command(1));
    await settle();
    await box.enqueue(command(2));
    await settle();
    await box.drain();
    expect(handedOver).toEqual([[command(1).commandId], [command(2).commandId]]);
    expect(storage.entries.size).toBe(2); // kept until the server answers for them
    expect(timers).toEqual([]);
  });

  it("makes a double send harmless: the second answer (a duplicate) settles nothing twice", async () => {
    const seen = new Set<string>();
    const { box, accepted } = outbox({
      async sendOne(_b, c) {
        const duplicate = seen.has(c.commandId);
        seen.add(c.commandId);
        return { ...accept(c), ...(duplicate ? { duplicate: true as const } : {}) };
      },
      sendBatch: async () => [],
    });
    await box.enqueue(command(1));
    await Promise.all([box.drain(), box.drain(), box.drain()]);
    expect(accepted).toEqual([command(1).commandId]);
  });

  /** Entries this page found in the storage (as the board page does on start), then another sender answered and removed. */
  async function answeredElsewhere(box: Outbox, storage: ReturnType<typeof memoryOutbox>, ...entries: QueuedCommand[]) {
    for (const entry of entries) await storage.put(entry);
    await box.waiting();
    await storage.remove(entries.map((entry) => entry.command.commandId));
  }

  it("asks again for a change it shows as pending that was answered elsewhere (gone from the storage)", async () => {
    // Another tab (or this page before a reload) sent both and removed them: this page loaded a
    // board that already had the first, so no event will ever answer it here.
    const fake = server((c) =>
      c.commandId === command(1).commandId ? { ...accept(c), duplicate: true } : { ...reject(c), duplicate: true },
    );
    const { box, accepted, rejected, storage } = outbox(fake.transport, { pending: () => [command(1), command(2)] });
    await answeredElsewhere(box, storage, queuedEntry(BOARD, command(1)), queuedEntry(BOARD, command(2)));
    await box.drain();
    expect(fake.received).toEqual([
      { via: "batch", ids: [command(1).commandId, command(2).commandId], schemaVersion: COMMAND_SCHEMA_VERSION },
    ]);
    expect(accepted).toEqual([command(1).commandId]);
    expect(rejected).toEqual([command(2).commandId]);
  });

  it("asks again with the schema version the change was stored with", async () => {
    const fake = server((c) => ({ ...accept(c), duplicate: true }));
    const { box, storage } = outbox(fake.transport, { pending: () => [command(1)] });
    await answeredElsewhere(box, storage, { ...queuedEntry(BOARD, command(1)), schemaVersion: 0 });
    await box.drain();
    expect(fake.received.map((r) => r.schemaVersion)).toEqual([0]);
  });

  it("asks again only once everything stored was sent, and not while offline", async () => {
    const online = { now: false };
    const fake = server((c) => (online.now ? accept(c) : "fail"));
    const { box, storage } = outbox(fake.transport, {
      online: () => online.now,
      pending: () => [command(1), command(2)],
    });
    await answeredElsewhere(box, storage, queuedEntry(BOARD, command(1)));
    await box.drain();
    expect(fake.received).toEqual([]); // nothing stored, nothing asked while offline
    await storage.put(queuedEntry(BOARD, command(2)));
    await box.drain();
    expect(fake.received).toEqual([]);
    online.now = true;
    await box.drain();
    expect(fake.received.map((r) => r.ids)).toEqual([[command(2).commandId], [command(1).commandId]]);
  });

  it("does not ask about a change it never found in the storage (another tab's, on its way there)", async () => {
    const fake = server();
    const { box } = outbox(fake.transport, { pending: () => [command(1)] });
    await box.drain();
    expect(fake.received).toEqual([]);
  });

  it("asks in order of issue: nothing behind a change this tab is still storing", async () => {
    const fake = server((c) => ({ ...accept(c), duplicate: true }));
    const storage = memoryOutbox();
    const { box } = outbox(fake.transport, { pending: () => [command(1), command(2), command(3)], storage });
    await answeredElsewhere(box, storage, queuedEntry(BOARD, command(1)), queuedEntry(BOARD, command(3)));
    let stored = () => {};
    const put = storage.put;
    storage.put = (entry) => new Promise((resolve) => (stored = () => resolve(put(entry))));
    const enqueued = box.enqueue(command(2));
    await box.drain();
    expect(fake.received.map((r) => r.ids)).toEqual([[command(1).commandId]]);
    stored();
    await enqueued;
    await settle();
    expect(fake.received.flatMap((r) => r.ids)).toEqual([1, 2, 3].map((n) => command(n).commandId));
  });

  it("asks again for more than a batch of such changes in batches, each once", async () => {
    const fake = server();
    const shown = Array.from({ length: REPLAY_BATCH + 50 }, (_, n) => command(n + 1));
    const { box, accepted, storage } = outbox(fake.transport, { pending: () => shown });
    await answeredElsewhere(box, storage, ...shown.map((c) => queuedEntry(BOARD, c)));
    await box.drain();
    await box.drain();
    expect(fake.received.map((r) => r.ids.length)).toEqual([REPLAY_BATCH, 50]);
    expect(new Set(accepted).size).toBe(REPLAY_BATCH + 50);
  });

  it("tells again, without sending, an answer it heard for a change that still shows as pending", async () => {
    // The answer came before the stream's events: the change stays pending until they arrive, or
    // until the board is reloaded past them (when only the answer, told again, can settle it).
    const fake = server();
    const { box, accepted } = outbox(fake.transport, { pending: () => [command(1)] });
    await box.enqueue(command(1));
    await box.drain();
    await box.drain();
    expect(fake.received).toEqual([{ via: "one", ids: [command(1).commandId] }]);
    expect(accepted.length).toBeGreaterThan(1);
    expect(new Set(accepted)).toEqual(new Set([command(1).commandId]));
  });

  it("still sends a change the device could not store, while the page is open", async () => {
    const fake = server();
    const storage = memoryOutbox();
    storage.put = async () => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
    const { box, accepted } = outbox(fake.transport, { pending: () => [command(1)], storage });
    await expect(box.enqueue(command(1))).rejects.toThrow("quota");
    await settle();
    expect(fake.received.map((r) => r.ids)).toEqual([[command(1).commandId]]);
    expect(accepted).toEqual([command(1).commandId]);
  });

  it("sends commands of different schema versions in separate batches, each with its version", async () => {
    const fake = server();
    const { box, storage } = outbox(fake.transport);
    const old: QueuedCommand = { boardId: BOARD, seq: 1, command: command(1), schemaVersion: 0, queuedAt: 0 };
    await storage.put(old);
    await storage.put({ ...old, seq: 2, command: command(2), schemaVersion: COMMAND_SCHEMA_VERSION });
    await box.drain();
    expect(fake.received.map((r) => r.schemaVersion)).toEqual([0, COMMAND_SCHEMA_VERSION]);
  });
});

describe("upgradeCommand", () => {
  const upgrades = {
    // A hypothetical earlier shape: renameItem carried `newTitle`.
    1: ({ newTitle, ...rest }: Record<string, unknown>) =>
      newTitle === undefined ? rest : { ...rest, title: newTitle },
  };

  it("brings a command of an earlier schema version to the current shape, step by step", () => {
    const upgraded = upgradeCommand({ type: "renameItem", itemId: "x", newTitle: "Oat milk" }, 1, upgrades, 2);
    expect(upgraded).toEqual({ ok: true, input: { type: "renameItem", itemId: "x", title: "Oat milk" } });
  });

  it("leaves a current command as it is", () => {
    const input = { type: "renameBoard", title: "T" };
    expect(upgradeCommand(input, COMMAND_SCHEMA_VERSION)).toEqual({ ok: true, input });
  });

  it("keeps (unavailable) a command from a newer version than the server, and refuses nonsense", () => {
    expect(upgradeCommand({}, COMMAND_SCHEMA_VERSION + 1)).toMatchObject({
      ok: false,
      rejection: { code: "unavailable" },
    });
    expect(upgradeCommand({}, 0)).toMatchObject({ ok: false, rejection: { code: "invalid" } });
    expect(upgradeCommand({}, 1, {}, 3)).toMatchObject({ ok: false, rejection: { code: "invalid" } });
  });
});
