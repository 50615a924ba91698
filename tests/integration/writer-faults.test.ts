// The board writer decides the commands that queued up together in one group: a command that
// breaks `decide` (a bug) must fail alone, not take the other people's commands down with it.
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
});
