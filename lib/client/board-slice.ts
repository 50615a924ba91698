// The board as this device sees it: the confirmed state, folded from server events with the SAME
// lib/domain `fold` the server uses, plus this device's pending commands re-applied on top.
// Actions are things that happened (an event arrived, a command was issued/confirmed/rejected),
// never setters.
import {
  createEntityAdapter,
  createSlice,
  type EntityState,
  isDraft,
  nanoid,
  original,
  type PayloadAction,
  type UnknownAction,
} from "@reduxjs/toolkit";
import {
  type Actor,
  alreadySo,
  type BoardChange,
  type BoardState,
  type Decision,
  type DomainEvent,
  decideChange,
  describeChange,
  type Envelope,
  emptyBoard,
  fold,
  isCreation,
  parseCommand,
  type Rejection,
  type RejectionCode,
  type StoredEvent,
  stamped,
} from "@/lib/domain";
import { inWords } from "./refusal-words";

export interface PendingCommand {
  /** A command, or the board's own creation (made offline, replayed before the rest). */
  readonly command: BoardChange;
  /** What it asks, in words, named from the board it was issued on ("rename item “Milk” to …"). */
  readonly label: string;
  /** When it was issued here: its predicted events carry it (a pending comment shows this time). */
  readonly at: string;
}

export interface Notice {
  readonly id: string;
  readonly message: string;
  /** Text the person typed and could not save (the thing they edited went away): shown to copy. */
  readonly draft?: string;
  /** The item whose dialog the text was typed in, which also shows it while it stays open. */
  readonly itemId?: string;
  /**
   * The refused change, when the board here may not have caught up with the server's yet: once it
   * shows the change holds anyway (someone did the same first), the notice is no news and leaves.
   */
  readonly unlessSo?: BoardChange;
}

export type Connection = "connecting" | "live" | "offline";

export interface BoardSliceState {
  readonly boardId: string;
  /** The last confirmed version: every event up to it is folded into `confirmed`. */
  readonly version: number;
  readonly confirmed: BoardState;
  /** Commands issued here and not yet confirmed or rejected, in the order they were issued. */
  readonly pending: EntityState<PendingCommand, string>;
  /** What the person sees: `confirmed` with the pending commands re-applied in order. */
  readonly view: BoardState;
  /** Set when an event arrived beyond version + 1: the connection re-reads the log from here. */
  readonly gapAfter: number | null;
  readonly connection: Connection;
  /** The server asked this device to wait (too many changes): its waiting changes go again then (ms). */
  readonly pausedUntil: number | null;
  readonly notices: readonly Notice[];
  /**
   * Who this device is on this board (the board page reads it from the request), or null when it
   * does not know yet: then it learns it from the events of its first confirmed command.
   */
  readonly me: Actor | null;
}

export const pendingAdapter = createEntityAdapter({
  selectId: (pending: PendingCommand) => pending.command.commandId,
});

export function initialBoardState({
  boardId,
  version,
  state,
  me = null,
}: {
  boardId: string;
  version: number;
  state: BoardState;
  me?: Actor | null;
}): BoardSliceState {
  return {
    boardId,
    version,
    confirmed: state,
    pending: pendingAdapter.getInitialState(),
    view: state,
    gapAfter: null,
    connection: "connecting",
    pausedUntil: null,
    notices: [],
    me,
  };
}

/**
 * Who a prediction is decided for when this device does not know who it is yet: nobody, so it may
 * edit no comment (none can be its own: it has had no command confirmed).
 */
const STRANGER: Actor = { id: "", name: "" };

/**
 * Why the server would refuse `change` before deciding it (its shape and limits: a value a field
 * let through, a change stored by an older page), or null. Kept per command object: a pending
 * command is checked once, not at every rebase.
 */
function refusedByShape(change: BoardChange): Rejection | null {
  if (isCreation(change)) return null;
  let known = shapeChecked.get(change);
  if (known === undefined) {
    const parsed = parseCommand(change);
    known = parsed.ok ? null : parsed.rejection;
    shapeChecked.set(change, known);
  }
  return known;
}
const shapeChecked = new WeakMap<BoardChange, Rejection | null>();

/** `command` decided on `view` as this device's, as the server will decide it (checked, then decided). */
export function predict(view: BoardState, command: BoardChange, me: Actor | null): Decision {
  const refused = refusedByShape(command);
  if (refused) return { ok: false, rejection: refused };
  return decideChange(view, command, me ?? STRANGER);
}

/**
 * The predicted events as the server will store them: with this device's actor and the time the
 * command was issued here (never stamped inside decide: the optimistic run and the server's must
 * agree). Unknown to itself, the device stamps no actor, so it makes up no member.
 */
function predicted(events: readonly DomainEvent[], me: Actor | null, at: string): readonly Envelope[] {
  // The time still: a pending comment shows when it was written, whoever the device is.
  return me === null ? events.map((event) => ({ ...event, at })) : stamped(events, me, at);
}

/** Re-applies pending commands on the confirmed state. One that no longer applies shows as not done. */
/** The board as shown, were the pending change `commandId` not there. */
export function viewWithout(board: BoardSliceState, commandId: string): BoardState {
  if (!board.pending.entities[commandId]) return board.view;
  return rebase(board.confirmed, pendingAdapter.removeOne(board.pending, commandId), board.me);
}

export function rebase(
  confirmed: BoardState,
  pending: EntityState<PendingCommand, string>,
  me: Actor | null,
): BoardState {
  let view = confirmed;
  for (const id of pending.ids) {
    const { command, at } = pending.entities[id];
    const decision = predict(view, command, me);
    if (decision.ok) view = fold(view, predicted(decision.events, me, at));
  }
  return view;
}

/** This device's actor, known already or told by the server in the events of one of its own commands. */
function learnMe(me: Actor | null, events: readonly StoredEvent[], ours: (commandId: string) => boolean): Actor | null {
  if (me !== null) return me;
  const own = events.find((event) => ours(event.commandId));
  return own ? { id: own.actor.id, name: own.actor.name } : null;
}

/**
 * Whether any of the events answers a pending command. Most batches answer none (other people's
 * events, a catch-up), and removeMany would run an Immer produce of its own to remove nothing.
 * A Set, not `id in entities`: looking up a fresh UUID as a property key costs V8 a string-table
 * search per event, a Set only the string's own hash.
 */
function confirmsPending(pending: EntityState<PendingCommand, string>, events: readonly StoredEvent[]): boolean {
  if (pending.ids.length === 0) return false;
  const ids = new Set(pending.ids);
  return events.some((event) => ids.has(event.commandId));
}

function inOrder(events: readonly StoredEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i - 1].version > events[i].version) return false;
  return true;
}

/** Folds the events that continue `version`; older ones are ignored, a skip ahead marks a gap. */
function receive(state: BoardSliceState, events: readonly StoredEvent[]): BoardSliceState {
  const sorted = inOrder(events) ? events : [...events].sort((a, b) => a.version - b.version);
  let { version } = state;
  const applied: StoredEvent[] = [];
  let gap = false;
  for (const event of sorted) {
    if (event.version <= version) continue;
    if (event.version > version + 1) {
      gap = true;
      break;
    }
    applied.push(event);
    version = event.version;
  }
  const gapAfter = gap ? version : applied.length > 0 ? null : state.gapAfter;
  if (applied.length === 0) return gapAfter === state.gapAfter ? state : { ...state, gapAfter };
  const confirmed = fold(state.confirmed, applied);
  const answers = confirmsPending(state.pending, applied);
  const pending = answers
    ? pendingAdapter.removeMany(
        state.pending,
        applied.map((event) => event.commandId),
      )
    : state.pending;
  const me = answers ? learnMe(state.me, applied, (id) => id in state.pending.entities) : state.me;
  const notices = withoutNews(state.notices, confirmed);
  return { ...state, version, confirmed, pending, view: rebase(confirmed, pending, me), gapAfter, me, notices };
}

/** A refusal's notice says nothing once the board shows what was asked (README, "Using a board", Status). */
function withoutNews(notices: readonly Notice[], confirmed: BoardState): readonly Notice[] {
  if (!notices.some((notice) => notice.unlessSo && alreadySo(confirmed, notice.unlessSo))) return notices;
  return notices.filter((notice) => !(notice.unlessSo && alreadySo(confirmed, notice.unlessSo)));
}

/** Refusals that may turn out to be what the person wanted: the thing is already so, or already gone. */
const mayHoldAnyway = (code: string) => code === "conflict" || code === "not_found";

const boardSlice = createSlice({
  name: "board",
  initialState: initialBoardState({ boardId: "", version: 0, state: emptyBoard }),
  reducers: {
    /** Events from the stream, the log, or a command's answer: confirmed truth. */
    eventsReceived: (state, action: PayloadAction<readonly StoredEvent[]>) => receive(base(state), action.payload),

    /**
     * The server accepted a command of this device. Its events are folded like any others; and
     * when they are already in (a duplicate answer: another tab or Background Sync sent it first),
     * the command leaves pending all the same.
     */
    commandAccepted: (
      state,
      action: PayloadAction<{ commandId: string; version: number; events: readonly StoredEvent[] }>,
    ) => {
      const next = receive(base(state), action.payload.events);
      const { commandId, version, events } = action.payload;
      const me = learnMe(next.me, events, (id) => id === commandId);
      if (version > next.version || !next.pending.entities[commandId]) return me === next.me ? next : { ...next, me };
      const pending = pendingAdapter.removeOne(next.pending, commandId);
      return { ...next, pending, view: rebase(next.confirmed, pending, me), me };
    },

    /** A person's change: shown at once as pending; the caller has checked that it applies. */
    commandIssued: {
      reducer: (state, action: PayloadAction<{ command: BoardChange; at: string }>) => {
        const current = base(state);
        const { command, at } = action.payload;
        if (current.pending.entities[command.commandId]) return current;
        // Restored from the outbox or another tab, it may no longer apply: it stays pending (the
        // server will answer for it) but changes nothing in the view.
        const decision = predict(current.view, command, current.me);
        const pending = pendingAdapter.addOne(current.pending, {
          command,
          label: describeChange(current.view, command),
          at,
        });
        const view = decision.ok ? fold(current.view, predicted(decision.events, current.me, at)) : current.view;
        return { ...current, pending, view };
      },
      // The clock is read here, when the action is made, not in the reducer (which replays must not change).
      prepare: (command: BoardChange) => ({ payload: { command, at: new Date().toISOString() } }),
    },

    /** The server said no: the change leaves pending, the view shows the truth, the person is told why. */
    commandRejected: (
      state,
      action: PayloadAction<{
        commandId: string;
        code: RejectionCode | string;
        reason: string;
        command?: BoardChange;
        /** Made again as this command (placed anew, see placed-anew.ts): nothing to tell. */
        replacedBy?: string;
      }>,
    ) => {
      const current = base(state);
      const { commandId, code, reason, command, replacedBy } = action.payload;
      if (current.notices.some((notice) => notice.id === commandId)) return current; // told already
      const rejected = current.pending.entities[commandId];
      const change = rejected?.command ?? command;
      const label = rejected?.label ?? (change ? describeChange(current.view, change) : "apply a change");
      const pending = rejected ? pendingAdapter.removeOne(current.pending, commandId) : current.pending;
      const view = rebase(current.confirmed, pending, current.me);
      if (replacedBy !== undefined) return { ...current, pending, view };
      const maybe = change && mayHoldAnyway(code) ? change : undefined;
      // Someone did the same first: the board is as the person asked, and nothing went wrong.
      if (maybe && alreadySo(current.confirmed, maybe)) return { ...current, pending, view };
      const notice: Notice = {
        id: commandId,
        message: `Couldn’t ${label}: ${inWords(reason)}`,
        ...(maybe && { unlessSo: maybe }),
      };
      return { ...current, pending, view, notices: [...current.notices, notice].slice(-5) };
    },

    /** A change refused before it was sent (it cannot apply to the board as shown). */
    changeRefused: {
      reducer: (state, action: PayloadAction<{ id: string; label: string; reason: string }>) => {
        const current = base(state);
        const { id, label, reason } = action.payload;
        return {
          ...current,
          notices: [...current.notices, { id, message: `Couldn’t ${label}: ${inWords(reason)}` }].slice(-5),
        };
      },
      prepare: (refusal: { label: string; reason: string }) => ({ payload: { id: nanoid(), ...refusal } }),
    },

    /** An edit in progress went away under the person (someone else removed or moved what they edited). */
    editLost: {
      reducer: (state, action: PayloadAction<{ id: string; message: string; draft: string; itemId?: string }>) => {
        const current = base(state);
        return { ...current, notices: [...current.notices, action.payload].slice(-5) };
      },
      prepare: (lost: { message: string; draft: string; itemId?: string }) => ({ payload: { id: nanoid(), ...lost } }),
    },

    noticeDismissed: (state, action: PayloadAction<string>) => {
      const current = base(state);
      return { ...current, notices: current.notices.filter((notice) => notice.id !== action.payload) };
    },

    /** The board was read again from scratch (the stream said reset). */
    boardReloaded: (state, action: PayloadAction<{ version: number; state: BoardState }>) => {
      const current = base(state);
      const { version, state: confirmed } = action.payload;
      return { ...current, version, confirmed, view: rebase(confirmed, current.pending, current.me), gapAfter: null };
    },

    sendingPaused: (state, action: PayloadAction<number | null>) => {
      const current = base(state);
      return current.pausedUntil === action.payload ? current : { ...current, pausedUntil: action.payload };
    },

    /** The person saved a new display name here: their next changes carry it, and so do predictions. */
    nameSaved: (state, action: PayloadAction<string>) => {
      const current = base(state);
      if (current.me === null) return current;
      const name = action.payload.trim() === "" ? "Anonymous" : action.payload;
      return current.me.name === name ? current : { ...current, me: { id: current.me.id, name } };
    },

    connectionChanged: (state, action: PayloadAction<Connection>) => {
      const current = base(state);
      return current.connection === action.payload ? current : { ...current, connection: action.payload };
    },
  },
});

/**
 * The reducers fold plain objects, not Immer drafts: folding a draft would proxy every item of a
 * large board. Each reducer returns a new state (or the same one), and Immer keeps it as is.
 */
function base(state: unknown): BoardSliceState {
  return (isDraft(state) ? original(state) : state) as BoardSliceState;
}

export const {
  eventsReceived,
  commandAccepted,
  commandIssued,
  commandRejected,
  changeRefused,
  editLost,
  noticeDismissed,
  boardReloaded,
  sendingPaused,
  nameSaved,
  connectionChanged,
} = boardSlice.actions;
const sliceReducer = boardSlice.reducer;

/**
 * The slice's reducer, with the hot path taken out: a burst of server events runs `receive` on the
 * plain state directly. Through createSlice it would run inside an Immer produce whose only work
 * is to walk and freeze the returned state (the reducers never write to a draft, see `base`), a
 * fifth of the cost of folding a burst.
 */
export function boardReducer(state: BoardSliceState | undefined, action: UnknownAction): BoardSliceState {
  if (state !== undefined && eventsReceived.match(action)) return receive(state, action.payload);
  return sliceReducer(state, action);
}
