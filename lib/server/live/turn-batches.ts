// Events that reach the instance in one turn of the event loop are fanned out together, at the end
// of it: under load several bus messages arrive in one socket read, and each stream then gets one
// write for all of them instead of one per message. Two instances' messages can cross: a batch is
// in version order, each version once.
import type { StoredEvent } from "@/lib/domain";

export type Deliver = (boardId: string, events: readonly StoredEvent[]) => void;

export class TurnBatches {
  private readonly waiting = new Map<string, StoredEvent[]>();

  constructor(
    private readonly deliver: Deliver,
    private readonly endOfTurn: (task: () => void) => void = setImmediate,
  ) {}

  add(boardId: string, events: readonly StoredEvent[]): void {
    const waiting = this.waiting.get(boardId);
    if (waiting) {
      for (const event of events) waiting.push(event);
      return;
    }
    this.waiting.set(boardId, [...events]);
    if (this.waiting.size === 1) this.endOfTurn(() => this.flush());
  }

  private flush(): void {
    const boards = [...this.waiting];
    this.waiting.clear();
    for (const [boardId, events] of boards) this.deliver(boardId, inOrderOnce(events));
  }
}

function inOrderOnce(events: StoredEvent[]): StoredEvent[] {
  let ordered = true;
  for (let index = 1; index < events.length && ordered; index++)
    ordered = events[index].version > events[index - 1].version;
  if (ordered) return events;
  events.sort((a, b) => a.version - b.version);
  return events.filter((event, index) => index === 0 || event.version !== events[index - 1].version);
}
