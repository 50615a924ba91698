// A Driftless export (README, "Moving a board"): the board's whole log, as the log holds it, under a
// small header. Reading one back checks every event in order against the board the events before
// it made, and folds it: the file is accepted whole, or refused with the first thing wrong.
import type { z } from "zod";
import { describeIssue } from "../commands";
import { type Envelope, isEventType, type StoredEvent } from "../events";
import { fold } from "../evolve";
import { type BoardState, emptyBoard } from "../state";
import { admit } from "./admit";
import { EVENT_DATA, envelopeSchema } from "./event-data";

export const BOARD_FILE_FORMAT = "driftless-board";
/** Bumped when the file's shape changes; a reader refuses a version it does not know. */
export const BOARD_FILE_VERSION = 1;

/** The header of an export, before its events (the export writes its keys in this order). */
export interface BoardFileHeader {
  readonly format: typeof BOARD_FILE_FORMAT;
  readonly formatVersion: typeof BOARD_FILE_VERSION;
  readonly title: string;
  readonly version: number;
  readonly exportedAt: string;
}

export type BoardFile = BoardFileHeader & { readonly events: readonly StoredEvent[] };

const KEYS = ["format", "formatVersion", "title", "version", "exportedAt", "events"];

export type ReadFile =
  | { readonly ok: true; readonly title: string; readonly events: StoredEvent[]; readonly state: BoardState }
  | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): ReadFile => ({ ok: false, reason });

/** Whether `input` says it is a Driftless export (then it is read as one, or refused as one). */
export function isBoardFile(input: unknown): boolean {
  return typeof input === "object" && input !== null && (input as { format?: unknown }).format === BOARD_FILE_FORMAT;
}

/** Reads an export: every event must have the log's shape, run 1..N, and follow the ones before it. */
export function readBoardFile(input: unknown): ReadFile {
  if (!isBoardFile(input) || Array.isArray(input)) return refuse("This is not a Driftless export.");
  const file = input as Record<string, unknown>;
  const unknown = Object.keys(file).filter((key) => !KEYS.includes(key));
  if (unknown.length > 0)
    return refuse(`The export has unknown fields: ${unknown.map((key) => `“${key}”`).join(", ")}.`);
  const { formatVersion, title, version, events } = file;
  if (typeof formatVersion !== "number" || !Number.isInteger(formatVersion) || formatVersion < 1) {
    return refuse('The export\'s "formatVersion" must be a whole number.');
  }
  if (formatVersion > BOARD_FILE_VERSION) {
    return refuse(
      `The export is of format version ${formatVersion}, made by a newer Driftless; this one reads version ${BOARD_FILE_VERSION}.`,
    );
  }
  if (typeof title !== "string") return refuse('The export\'s "title" must be text.');
  if (typeof version !== "number") return refuse('The export\'s "version" must be a number.');
  if (!Array.isArray(events) || events.length === 0) return refuse('The export\'s "events" must be a list of events.');
  if (version !== events.length) {
    return refuse(`The export says the board is at version ${version}, but it holds ${events.length} events.`);
  }

  let state = emptyBoard;
  const read: StoredEvent[] = [];
  for (let index = 0; index < events.length; index++) {
    const raw = events[index];
    // reportInput: without the input in an issue, a wrong value reads as a missing field (describeIssue).
    const envelope = envelopeSchema.safeParse(raw, { reportInput: true });
    if (!envelope.success) return refuse(`Event ${index + 1}: ${issue(envelope.error)}`);
    const { type, data, version: at } = envelope.data;
    if (at !== index + 1) {
      return refuse(
        `Event ${index + 1} has version ${at}: the versions of a board run 1, 2, 3… with no gap, in order.`,
      );
    }
    const where = `Event ${at} (${isEventType(type) ? type : "an unknown type"})`;
    if (!isEventType(type)) return refuse(`Event ${at} has an unknown type “${type}”.`);
    const parsed = EVENT_DATA[type].safeParse(data, { reportInput: true });
    if (!parsed.success) return refuse(`${where}: ${issue(parsed.error)}`);
    const event = { ...envelope.data, type, data: parsed.data } as StoredEvent;
    if (at === 1 && type !== "BoardCreated") return refuse(`${where}: a board's first event is BoardCreated.`);
    if (at > 1) {
      const problem = admit(state, event as Envelope);
      if (problem) return refuse(`${where}: ${problem}`);
    }
    state = fold(state, [event]);
    read.push(event);
  }
  if (state.title !== title) {
    return refuse(`The export's title “${title}” is not the title its events give the board (“${state.title}”).`);
  }
  return { ok: true, title: state.title, events: read, state };
}

function issue(error: z.ZodError): string {
  return describeIssue(error.issues[0]).replace(/^./, (first) => first.toUpperCase());
}
