import { describe, expect, it } from "vitest";
import type { StoredEvent } from "@/lib/domain";
import { TurnBatches } from "@/lib/server/live/turn-batches";
import { events } from "./fakes";

function batches() {
  const delivered: Array<[string, number[]]> = [];
  const turns: Array<() => void> = [];
  const batcher = new TurnBatches(
    (boardId, batch: readonly StoredEvent[]) => delivered.push([boardId, batch.map((e) => e.version)]),
    (task) => turns.push(task),
  );
  const endTurn = () => {
    for (const task of turns.splice(0)) task();
  };
  return { batcher, delivered, endTurn };
}

describe("TurnBatches", () => {
  it("deliver what came in one turn together, per board, at the end of the turn", () => {
    const { batcher, delivered, endTurn } = batches();
    batcher.add("one", events(1));
    batcher.add("two", events(7));
    batcher.add("one", events(2, 3));
    expect(delivered).toEqual([]);
    endTurn();
    expect(delivered).toEqual([
      ["one", [1, 2, 3]],
      ["two", [7]],
    ]);
    batcher.add("one", events(4));
    endTurn();
    expect(delivered.at(-1)).toEqual(["one", [4]]);
  });

  it("put crossed messages in version order, each version once", () => {
    const { batcher, delivered, endTurn } = batches();
    batcher.add("one", events(3, 4));
    batcher.add("one", events(2, 3));
    endTurn();
    expect(delivered).toEqual([["one", [2, 3, 4]]]);
  });

  it("end the turn with the real default (setImmediate)", async () => {
    const delivered: number[] = [];
    const batcher = new TurnBatches((_, batch) => delivered.push(...batch.map((e) => e.version)));
    batcher.add("one", events(1));
    batcher.add("one", events(2));
    await new Promise((resolve) => setImmediate(resolve));
    expect(delivered).toEqual([1, 2]);
  });
});
