// A board's server made of the real domain (commands decided and folded as the server does, each
// outcome kept under its commandId) and board pages — the real store and outbox — talking to it.
import { afterEach } from "vitest";
import { eventsReceived } from "@/lib/client/board-slice";
import { type CommandAnswer, memoryOutbox, type OutboxStorage, RetryLater } from "@/lib/client/outbox";
import { type AppStore, makeStore } from "@/lib/client/store";
import type { TabMessage } from "@/lib/client/tabs";
import {
  type Actor,
  type BoardState,
  type Command,
  decide,
  type Envelope,
  emptyBoard,
  fold,
  type Intent,
  parseCommand,
  type StoredEvent,
  stamped,
  withCommandId,
} from "@/lib/domain";
import { ANA, AT, BEN, sprintBoard } from "./given";

export const BOARD = "board-pages-0000000000";

/** One board's server: decides with the shared `decide`, keeps a log, answers as the API does. */
export class Server {
  state: BoardState = emptyBoard;
  readonly log: StoredEvent[] = [];
  readonly outcomes = new Map<string, CommandAnswer>();
  online = true;

  constructor() {
    this.append(stamped(sprintBoard, ANA, AT), "00000000-0000-4000-8000-000000000000");
  }

  private append(events: readonly Envelope[], commandId: string): StoredEvent[] {
    const stored = events.map(
      (event, index) => ({ ...event, version: this.log.length + index + 1, commandId }) as StoredEvent,
    );
    this.log.push(...stored);
    this.state = fold(this.state, stored);
    return stored;
  }

  run(command: Command, actor: Actor): CommandAnswer {
    if (!this.online) throw new RetryLater("offline");
    const known = this.outcomes.get(command.commandId);
    if (known) return { ...known, duplicate: true };
    // Checked first, as the API checks what it receives (an invalid command is recorded as refused).
    const parsed = parseCommand(command);
    const decision = parsed.ok ? decide(this.state, command, actor) : parsed;
    const answer: CommandAnswer = decision.ok
      ? {
          status: "accepted",
          commandId: command.commandId,
          version: this.log.length + decision.events.length,
          events: this.append(stamped(decision.events, actor, AT), command.commandId),
        }
      : { status: "rejected", commandId: command.commandId, ...decision.rejection };
    this.outcomes.set(command.commandId, answer);
    return answer;
  }

  /** Someone else's change: the server decides it, and the page hears of it as the stream tells. */
  other(store: AppStore, command: Intent, actor: Actor = BEN) {
    const answer = this.run(withCommandId(command, crypto.randomUUID()), actor);
    if (answer.status !== "accepted") throw new Error(`the other change was refused: ${answer.reason}`);
    store.dispatch(eventsReceived(answer.events));
  }

  /** How many events of the log a command appended. */
  appended(commandId: string): number {
    return this.log.filter((event) => event.commandId === commandId).length;
  }
}

const stores: AppStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.services.outbox.close();
});

export function page(
  server: Server,
  storage: OutboxStorage = memoryOutbox(),
  broadcast?: (message: TabMessage) => void,
) {
  const store = makeStore({
    boardId: BOARD,
    version: server.log.length,
    state: server.state,
    me: ANA,
    device: {
      storage,
      transport: {
        sendOne: async (_board, command) => server.run(command, ANA),
        sendBatch: async (_board, commands) => commands.map((command) => server.run(command, ANA)),
      },
      isOnline: () => server.online,
      broadcast,
    },
  });
  stores.push(store);
  return store;
}

/** Lets the outbox send everything it can. */
export async function settle(store: AppStore) {
  for (let round = 0; round < 4; round++) await store.services.outbox.drain();
}
