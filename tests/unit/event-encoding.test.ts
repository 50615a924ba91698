import { describe, expect, it } from "vitest";
import {
  eventJson,
  eventJsonOfText,
  eventRow,
  SNAPSHOT_FORMAT,
  snapshotJson,
  stateOfSnapshot,
  storedEvent,
} from "@/db/event-encoding";
import { EVENT_SCHEMA_VERSION, emptyBoard, fold, type StoredEvent, toRecord } from "@/lib/domain";

const renamed: StoredEvent = {
  version: 7,
  type: "BoardRenamed",
  data: { title: 'Quotes " \\ and ünïcode 🚀' },
  commandId: "c-7",
  actor: { id: "actor-1", name: 'Ada "the" Lovelace' },
  at: "2026-01-02T03:04:05.678Z",
};

describe("the encoding of a stored event", () => {
  it("writes a row that reads back as the same event", () => {
    const row = eventRow(renamed);
    expect(row).toMatchObject({ version: 7, schemaVersion: EVENT_SCHEMA_VERSION, actorName: 'Ada "the" Lovelace' });
    expect(storedEvent(row)).toEqual(renamed);
    // The driver hands `at` back as a Date.
    expect(storedEvent({ ...row, at: new Date(renamed.at) })).toEqual(renamed);
  });

  it("is one JSON text, whether made from the event or around the data text Postgres sends", () => {
    expect(JSON.parse(eventJson(renamed))).toEqual(renamed);
    // The same keys in the same order as the object every reader builds.
    expect(eventJson(renamed)).toBe(JSON.stringify(storedEvent(eventRow(renamed))));
    // jsonb text has its own spacing and key order: equal once parsed.
    const fromText = eventJsonOfText({
      ...eventRow(renamed),
      data: '{"title": "Quotes \\" \\\\ and ünïcode 🚀"}',
      at: renamed.at,
    });
    expect(JSON.parse(fromText)).toEqual(renamed);
  });

  it("refuses a row of an unknown type", () => {
    expect(() => storedEvent({ ...eventRow(renamed), type: "BoardExploded" })).toThrow(/Unknown event type/);
    expect(() => eventJsonOfText({ ...eventRow(renamed), type: "BoardExploded", data: "{}", at: renamed.at })).toThrow(
      /Unknown event type/,
    );
  });

  it("refuses a row from a newer schema than this code knows", () => {
    expect(() => storedEvent({ ...eventRow(renamed), schemaVersion: EVENT_SCHEMA_VERSION + 1 })).toThrow(/newer/);
  });
});

describe("the encoding of a snapshot", () => {
  const state = fold(emptyBoard, [{ type: "BoardCreated", data: { title: "Snap" } }]);

  it("stores the board's record in the current format and reads the same state back", () => {
    const stored = snapshotJson(state);
    expect(stored).toEqual({ format: SNAPSHOT_FORMAT, board: toRecord(state) });
    const back = stateOfSnapshot(JSON.parse(JSON.stringify(stored)));
    expect(back && toRecord(back)).toEqual(toRecord(state));
  });

  it("ignores a snapshot of another format (a cache is folded again, never upcast)", () => {
    expect(stateOfSnapshot({ format: SNAPSHOT_FORMAT - 1, board: toRecord(state) })).toBeUndefined();
    expect(stateOfSnapshot(undefined)).toBeUndefined();
  });
});
