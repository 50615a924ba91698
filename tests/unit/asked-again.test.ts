// AskedAgain alone: which of a page's pending changes it would send again, and in what order.
import { describe, expect, it } from "vitest";
import { AskedAgain } from "@/lib/client/asked-again";
import { queuedEntry } from "@/lib/client/outbox";
import type { BoardChange, CommandAnswer } from "@/lib/domain";
import { MILK } from "./given";

const BOARD = "b".repeat(22);
const rename = (n: number): BoardChange => ({
  commandId: `33333333-3333-4333-8333-${String(n).padStart(12, "0")}`,
  type: "renameItem",
  itemId: MILK,
  title: `Milk ${n}`,
});
const accepted = (command: BoardChange): CommandAnswer => ({
  status: "accepted",
  commandId: command.commandId,
  version: 2,
  events: [],
});

function ids(entries: readonly { command: BoardChange }[]): string[] {
  return entries.map((entry) => entry.command.commandId);
}

describe("AskedAgain", () => {
  it("asks about the pending changes it found in storage, in the order they show, and no others", () => {
    const [one, two, three] = [rename(1), rename(2), rename(3)];
    const known = new AskedAgain();
    known.found([queuedEntry(BOARD, two), queuedEntry(BOARD, one)]);
    // `three` was never found here (issued by another tab, say): this tab cannot send it.
    expect(ids(known.toAsk([one, two, three], () => {}))).toEqual([one.commandId, two.commandId]);
  });

  it("tells again an acceptance it heard instead of asking, and asks nothing about a refusal it heard", () => {
    const [one, two] = [rename(1), rename(2)];
    const known = new AskedAgain();
    known.found([queuedEntry(BOARD, one), queuedEntry(BOARD, two)]);
    known.heardAnswer(one.commandId, accepted(one));
    known.heardAnswer(two.commandId, {
      status: "rejected",
      commandId: two.commandId,
      code: "not_found",
      reason: "gone",
    });
    const told: string[] = [];
    expect(known.toAsk([one, two], (answer) => told.push(answer.commandId))).toEqual([]);
    expect(told).toEqual([one.commandId]);
  });

  it("asks nothing from one being stored on, so that none goes ahead of it", () => {
    const [one, two, three] = [rename(1), rename(2), rename(3)];
    const known = new AskedAgain();
    known.found([queuedEntry(BOARD, one), queuedEntry(BOARD, three)]);
    known.storingStarted(two.commandId);
    expect(ids(known.toAsk([one, two, three], () => {}))).toEqual([one.commandId]);
    known.storingEnded(two.commandId);
    expect(ids(known.toAsk([one, two, three], () => {}))).toEqual([one.commandId, three.commandId]);
  });

  it("forgets a change once it no longer shows as pending", () => {
    const one = rename(1);
    const known = new AskedAgain();
    known.found([queuedEntry(BOARD, one)]);
    known.heardAnswer(one.commandId, accepted(one));
    expect(known.toAsk([], () => {})).toEqual([]);
    // Shown as pending again later, it is not known here any more: nothing to tell, nothing to send.
    const told: string[] = [];
    expect(known.toAsk([one], (answer) => told.push(answer.commandId))).toEqual([]);
    expect(told).toEqual([]);
  });
});
