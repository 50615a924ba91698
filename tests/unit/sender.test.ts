import { describe, expect, it } from "vitest";
import { type CommandAnswer, Sender } from "@/lib/client/sender";
import type { Command } from "@/lib/domain";

const command = (n: number): Command => ({
  commandId: `22222222-2222-4222-8222-${String(n).padStart(12, "0")}`,
  type: "renameBoard",
  title: `T${n}`,
});

const accepted = (c: Command, version: number): CommandAnswer => ({
  status: "accepted",
  commandId: c.commandId,
  version,
  events: [],
});

describe("Sender", () => {
  it("sends one command at a time, in the order issued", async () => {
    const sent: string[] = [];
    let inFlight = 0;
    const sender = new Sender(
      "board",
      async (_board, c) => {
        inFlight++;
        expect(inFlight).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 2));
        sent.push(c.commandId);
        inFlight--;
        return accepted(c, sent.length);
      },
      { accepted: () => {}, rejected: () => {} },
    );
    for (let n = 1; n <= 5; n++) sender.enqueue(command(n));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toEqual([1, 2, 3, 4, 5].map((n) => command(n).commandId));
  });

  it("keeps commands queued, in order, when the network fails, and sends them on resume", async () => {
    let online = false;
    const sent: string[] = [];
    const sender = new Sender(
      "board",
      async (_board, c) => {
        if (!online) throw new TypeError("Failed to fetch");
        sent.push(c.commandId);
        return accepted(c, sent.length);
      },
      { accepted: () => {}, rejected: () => {} },
    );
    sender.enqueue(command(1));
    sender.enqueue(command(2));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(sender.waiting.map((c) => c.commandId)).toEqual([command(1).commandId, command(2).commandId]);
    online = true;
    sender.resume();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(sent).toEqual([command(1).commandId, command(2).commandId]);
    expect(sender.waiting).toEqual([]);
  });

  it("keeps a command the server could not store (unavailable) and reports real rejections", async () => {
    const rejected: string[] = [];
    let storeUp = false;
    const sender = new Sender(
      "board",
      async (_board, c) =>
        storeUp
          ? { status: "rejected", commandId: c.commandId, code: "not_found", reason: "Gone." }
          : { status: "rejected", commandId: c.commandId, code: "unavailable", reason: "Later." },
      { accepted: () => {}, rejected: (id) => rejected.push(id) },
    );
    sender.enqueue(command(1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(sender.waiting).toHaveLength(1);
    expect(rejected).toEqual([]);
    storeUp = true;
    sender.resume();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(rejected).toEqual([command(1).commandId]);
  });
});
