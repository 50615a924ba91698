// The board writer decides the commands that queued up together in one group and writes them in
// one statement: a command that breaks `decide` (a bug), or whose rows the store refuses, must
// fail alone, not take the other people's commands down with it.
import { afterAll, describe, expect, it, vi } from "vitest";
import { closeStore } from "@/db/store";
import { executeCommand } from "@/lib/server/command-executor";
import { closeHub } from "@/lib/server/live/hub";
import { command, createBoard, getLog } from "./api";

const BREAKS = "Breaks decide";

vi.mock("@/lib/domain", async (importOriginal) => {
  const domain = await importOriginal<typeof import("@/lib/domain")>();
  return {
    ...domain,
    decide: (...args: Parameters<typeof domain.decide>) => {
      const [, input] = args;
      if (input.type === "renameBoard" && input.title === BREAKS) throw new Error("a bug in decide");
      return domain.decide(...args);
    },
  };
});

afterAll(async () => {
  await closeHub();
  await closeStore();
});

describe("the board writer", () => {
  it("fails only the command whose decision throws, and writes the ones queued with it", async () => {
    const boardId = await createBoard();
    const actor = { id: "writer-test", name: "Writer" };
    const run = (title: string) => executeCommand({ boardId, input: command("renameBoard", { title }), actor });
    // Handed over in one tick: the first is written alone, the other two wait and go together.
    const [first, broken, after] = await Promise.allSettled([run("First"), run(BREAKS), run("After")]);
    expect(first).toMatchObject({ status: "fulfilled", value: { status: "accepted", version: 2 } });
    expect(broken).toMatchObject({
      status: "rejected",
      reason: expect.objectContaining({ message: "a bug in decide" }),
    });
    expect(after).toMatchObject({ status: "fulfilled", value: { status: "accepted", version: 3 } });
    const log = await getLog(boardId);
    expect(log.body.events.map((event: { data: { title: string } }) => event.data.title)).toEqual([
      "Test board",
      "First",
      "After",
    ]);
  });

  it("fails only the command whose rows the store refuses, and writes the ones grouped with it", async () => {
    const boardId = await createBoard();
    const run = (title: string, name = "Writer") =>
      executeCommand({ boardId, input: command("renameBoard", { title }), actor: { id: "writer-test", name } });
    // Half an emoji (a lone surrogate) in the actor's name: Postgres refuses the events' JSON.
    // Handed over in one tick: the first is written alone, the other three wait and go together.
    const [first, refused, after, last] = await Promise.allSettled([
      run("First"),
      run("Refused", "half an emoji \ud83d"),
      run("After"),
      run("Last"),
    ]);
    expect(first).toMatchObject({ status: "fulfilled", value: { status: "accepted", version: 2 } });
    expect(refused.status).toBe("rejected");
    expect(after).toMatchObject({ status: "fulfilled", value: { status: "accepted", version: 3 } });
    expect(last).toMatchObject({ status: "fulfilled", value: { status: "accepted", version: 4 } });
    const log = await getLog(boardId);
    expect(log.body.events.map((event: { data: { title: string } }) => event.data.title)).toEqual([
      "Test board",
      "First",
      "After",
      "Last",
    ]);
  });
});
