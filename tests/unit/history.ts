// Realistic v2 logs for the fold's properties: a seeded sequence of commands of every type, by
// three people, each decided against the board as it stands and its events stamped as stored.
import {
  type Actor,
  type BoardState,
  decide,
  type Envelope,
  emptyBoard,
  fold,
  LABEL_COLORS,
  parseCommand,
  stamped,
} from "@/lib/domain";
import { ANA, BEN, type CommandInput } from "./given";

export const CLEO: Actor = { id: "actor-cleo-00000000001", name: "Cleo" };

/** mulberry32: a small seeded generator, so a failing history replays identically. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["Milk", "Eggs", "Write report", "Call Ana", "Fix login", "Ship v2", "Review PR", "Plan Q3"];

export function generateV2History(seed: number, length: number): { events: Envelope[]; rejected: number } {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  let serial = 0;
  let commandSerial = 0;
  const freshId = (prefix: string) => `${prefix}-${String(++serial).padStart(20, "0")}`;
  const words = () => `${pick(WORDS)} #${serial}`;
  const people = [ANA, BEN, CLEO];

  const events: Envelope[] = [];
  let state: BoardState = emptyBoard;
  let rejected = 0;
  const append = (actor: Actor, command: CommandInput) => {
    const commandId = `00000000-0000-4000-8000-${String(++commandSerial).padStart(12, "0")}`;
    const parsed = parseCommand({ commandId, ...command });
    if (!parsed.ok) throw new Error(`generated an invalid command: ${parsed.rejection.reason}`);
    const decision = decide(state, parsed.command, actor);
    if (!decision.ok) {
      rejected++;
      return;
    }
    const stored = stamped(
      decision.events,
      actor,
      `2026-12-01T09:${String(events.length % 60).padStart(2, "0")}:00.000Z`,
    );
    events.push(...stored);
    state = fold(state, stored);
  };
  events.push(...stamped([{ type: "BoardCreated", data: { title: "Generated" } }], ANA, "2026-12-01T09:00:00.000Z"));
  state = fold(emptyBoard, events);

  while (events.length < length) {
    const actor = pick(people);
    append(actor, randomCommand(state, random, freshId, words));
  }
  return { events: events.slice(0, length), rejected };
}

/**
 * A command a person might send next, made against the board as it stands (some refused: someone
 * else's comment, a move to where an item is, a restore of something restored).
 */
export function randomCommand(
  state: BoardState,
  random: () => number,
  freshId: (prefix: string) => string,
  words: () => string,
): CommandInput {
  const chance = (p: number) => random() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const columns = [...state.columns.keys()];
  const items = [...state.items.values()];
  const labels = [...state.labels.keys()];
  const members = [...state.members.keys()];
  const binned = [...state.bin.entries()];
  const comments = items.flatMap((item) => item.comments);
  const item = () => pick(items);
  const roll = random();

  let command: CommandInput;
  if (columns.length < 2 || roll < 0.05) {
    command = { type: "addColumn", columnId: freshId("col"), title: words() };
  } else if (items.length < 3 || roll < 0.15) {
    const placement = chance(0.5) ? {} : { afterItemId: null };
    command = { type: "addItem", itemId: freshId("item"), columnId: pick(columns), title: words(), ...placement };
  } else if (roll < 0.2) {
    command = { type: "moveItem", itemId: item().itemId, columnId: pick(columns), afterItemId: null };
  } else if (roll < 0.24) {
    const target = item();
    command = { type: target.completed === chance(0.9) ? "reopenItem" : "completeItem", itemId: target.itemId };
  } else if (roll < 0.27) {
    command = { type: "renameItem", itemId: item().itemId, title: words() };
  } else if (roll < 0.3) {
    command = { type: "removeItem", itemId: item().itemId };
  } else if (roll < 0.32 && columns.length > 2) {
    command = { type: "removeColumn", columnId: pick(columns) };
  } else if (roll < 0.37 && binned.length > 0) {
    const [id, removal] = pick(binned);
    command =
      removal.kind === "column"
        ? { type: "restoreColumn", columnId: id }
        : chance(0.5)
          ? { type: "restoreItem", itemId: id }
          : { type: "restoreItem", itemId: id, columnId: pick(columns) };
  } else if (roll < 0.41) {
    command = { type: "describeItem", itemId: item().itemId, description: chance(0.2) ? "" : `${words()}\nmore` };
  } else if (roll < 0.44) {
    command = {
      type: "setItemDue",
      itemId: item().itemId,
      due: chance(0.2) ? null : `2027-0${1 + Math.floor(random() * 9)}-15`,
    };
  } else if (roll < 0.48 || labels.length === 0) {
    command = { type: "addLabel", labelId: freshId("label"), name: pick(WORDS), color: pick(LABEL_COLORS) };
  } else if (roll < 0.5) {
    command = { type: "editLabel", labelId: pick(labels), color: pick(LABEL_COLORS) };
  } else if (roll < 0.51) {
    command = { type: "removeLabel", labelId: pick(labels) };
  } else if (roll < 0.56) {
    const target = item();
    command =
      target.labels.length > 0 && chance(0.4)
        ? { type: "unlabelItem", itemId: target.itemId, labelId: pick(target.labels) }
        : { type: "labelItem", itemId: target.itemId, labelId: pick(labels) };
  } else if (roll < 0.6) {
    // Unassigning needs an item with someone on it: take one of those when there are.
    const assigned = items.filter((candidate) => candidate.assignees.length > 0);
    const target = assigned.length > 0 && chance(0.4) ? pick(assigned) : item();
    command =
      target.assignees.length > 0 && chance(0.5)
        ? { type: "unassignItem", itemId: target.itemId, memberId: pick(target.assignees) }
        : { type: "assignItem", itemId: target.itemId, memberId: pick(members) };
  } else if (roll < 0.68) {
    const target = item();
    const entries = target.checklist;
    const entry = entries.length > 0 ? pick(entries) : undefined;
    const entryId = entry?.entryId ?? "";
    // Mostly a toggle of what the entry is, so that both ticks and unticks happen.
    const drawn =
      entry === undefined ? 0 : [0, 1, entry.done ? 3 : 2, entry.done ? 3 : 2, 4, 5, 5][Math.floor(random() * 7)];
    // A move needs somewhere else to go: with one entry, add another instead.
    const kind = drawn === 5 && entries.length < 2 ? 0 : drawn;
    command =
      kind === 0
        ? {
            type: "addChecklistEntry",
            itemId: target.itemId,
            entryId: freshId("entry"),
            text: words(),
            ...(chance(0.3) && entries.length > 0 ? { afterEntryId: pick(entries).entryId } : {}),
          }
        : kind === 1
          ? { type: "editChecklistEntry", itemId: target.itemId, entryId, text: words() }
          : kind === 2
            ? { type: "checkChecklistEntry", itemId: target.itemId, entryId }
            : kind === 3
              ? { type: "uncheckChecklistEntry", itemId: target.itemId, entryId }
              : kind === 4
                ? { type: "removeChecklistEntry", itemId: target.itemId, entryId }
                : {
                    type: "moveChecklistEntry",
                    itemId: target.itemId,
                    entryId,
                    // Mostly somewhere it is not yet (after itself or where it is: refused).
                    afterEntryId: chance(0.2) ? null : pick(entries).entryId,
                  };
  } else if (roll < 0.8 || comments.length === 0) {
    command = { type: "commentOnItem", itemId: item().itemId, commentId: freshId("comment"), text: words() };
  } else if (roll < 0.9) {
    // Often someone else's: refused, which the history counts.
    command = { type: "editComment", commentId: pick(comments).commentId, text: words() };
  } else if (roll < 0.95) {
    command = { type: "removeComment", commentId: pick(comments).commentId };
  } else if (roll < 0.96) {
    command = { type: "renameColumn", columnId: pick(columns), title: words() };
  } else if (roll < 0.97) {
    command = { type: "moveColumn", columnId: pick(columns), afterColumnId: chance(0.5) ? null : pick(columns) };
  } else if (roll < 0.98) {
    command = { type: "renameBoard", title: words() };
  } else {
    command = {
      type: "setColumnLimit",
      columnId: pick(columns),
      limit: chance(0.3) ? null : 1 + Math.floor(random() * 5),
    };
  }
  return command;
}
