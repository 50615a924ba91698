// The device's copy of a board (IndexedDB) is read only in the format this build writes: a copy
// saved by an older build would be misread as a v2 state, so it is ignored and then replaced.
import { describe, expect, it } from "vitest";
import { readableCopy, replacesCopy, type SavedBoard } from "@/lib/client/local-db";
import { emptyBoard, fold, RECORD_FORMAT, toRecord } from "@/lib/domain";
import { sprintBoard } from "./given";

const BOARD = "board-local-00000000000";
const copy = (version: number, format?: number): SavedBoard => ({
  boardId: BOARD,
  version,
  state: toRecord(fold(emptyBoard, sprintBoard)),
  savedAt: 0,
  ...(format === undefined ? {} : { format }),
});
// What the v1 build saved: a v1 record (no members, bin, labels…) and no format.
const savedByV1 = JSON.parse(`{"boardId":"${BOARD}","version":40,"savedAt":1,
  "state":{"title":"Sprint","columns":{},"items":{},"removed":{}}}`) as SavedBoard;

describe("the device's copy of a board", () => {
  it("is read when it is in this build's format", () => {
    const current = copy(8, RECORD_FORMAT);
    expect(readableCopy(current)).toBe(current);
  });

  it("is ignored when an older build saved it (no format, or another one)", () => {
    expect(readableCopy(savedByV1)).toBeUndefined();
    expect(readableCopy(copy(8, 1))).toBeUndefined();
    expect(readableCopy(undefined)).toBeUndefined();
  });

  it("is replaced by a readable copy even of a lower version, never by an older version of a readable one", () => {
    expect(replacesCopy(savedByV1, copy(8, RECORD_FORMAT))).toBe(true);
    expect(replacesCopy(undefined, copy(8, RECORD_FORMAT))).toBe(true);
    expect(replacesCopy(copy(9, RECORD_FORMAT), copy(8, RECORD_FORMAT))).toBe(false);
    expect(replacesCopy(copy(8, RECORD_FORMAT), copy(8, RECORD_FORMAT))).toBe(true);
  });
});
