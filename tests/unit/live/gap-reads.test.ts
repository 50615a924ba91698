import { describe, expect, it } from "vitest";
import type { StoredEvent } from "@/lib/domain";
import { SharedGapReads } from "@/lib/server/live/gap-reads";
import { events } from "./fakes";

function reads(keepMs = 1000) {
  const made: string[] = [];
  const gaps = new SharedGapReads(
    (boardId) =>
      async function* (after, upTo) {
        made.push(`${boardId} ${after}..${upTo}`);
        await Promise.resolve();
        const wanted = events(...Array.from({ length: upTo - after }, (_, index) => after + index + 1));
        yield wanted.slice(0, 2);
        yield wanted.slice(2);
      },
    keepMs,
  );
  return { gaps, made };
}

async function all(iterable: AsyncIterable<readonly StoredEvent[]>): Promise<number[]> {
  const versions: number[] = [];
  for await (const batch of iterable) versions.push(...batch.map((e) => e.version));
  return versions;
}

describe("SharedGapReads", () => {
  it("read one range of one board once for every stream that needs it", async () => {
    const { gaps, made } = reads();
    const answers = await Promise.all(Array.from({ length: 20 }, () => all(gaps.reader("one")(3, 7))));
    for (const answer of answers) expect(answer).toEqual([4, 5, 6, 7]);
    expect(made).toEqual(["one 3..7"]);
    expect(gaps.count).toBe(1);
    // A stream that reaches the same gap a moment later is answered from the same read.
    expect(await all(gaps.reader("one")(3, 7))).toEqual([4, 5, 6, 7]);
    expect(gaps.count).toBe(1);
  });

  it("read other ranges and other boards on their own", async () => {
    const { gaps, made } = reads();
    await Promise.all([all(gaps.reader("one")(3, 7)), all(gaps.reader("one")(3, 8)), all(gaps.reader("two")(3, 7))]);
    expect(made.sort()).toEqual(["one 3..7", "one 3..8", "two 3..7"]);
  });

  it("read again once the kept answer has expired", async () => {
    const { gaps } = reads(1);
    await all(gaps.reader("one")(0, 2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await all(gaps.reader("one")(0, 2));
    expect(gaps.count).toBe(2);
  });
});
