// Sends this device's commands to the server one at a time, in the order they were issued (the
// server applies them in arrival order, and a later command may depend on an earlier one).
// A command whose send fails for a network reason stays queued and goes again on `resume()`.
import type { Command, RejectionCode, StoredEvent } from "@/lib/domain";

/** The server's answer to one command (the JSON of CONTRACT.md). */
export type CommandAnswer =
  | { status: "accepted"; commandId: string; version: number; events: readonly StoredEvent[]; duplicate?: true }
  | { status: "rejected"; commandId: string | null; code: RejectionCode; reason: string; duplicate?: true };

/** Runs one command on the server; throws when the server could not be reached. */
export type Transport = (boardId: string, command: Command) => Promise<CommandAnswer>;

export interface SenderEvents {
  accepted(answer: Extract<CommandAnswer, { status: "accepted" }>): void;
  rejected(commandId: string, answer: Extract<CommandAnswer, { status: "rejected" }>): void;
}

export class Sender {
  private readonly queue: Command[] = [];
  private running = false;

  constructor(
    private readonly boardId: string,
    private readonly transport: Transport,
    private readonly on: SenderEvents,
  ) {}

  /** Commands not answered yet, in order. */
  get waiting(): readonly Command[] {
    return this.queue;
  }

  enqueue(command: Command): void {
    this.queue.push(command);
    void this.drain();
  }

  /** Tries the queue again (the connection came back). */
  resume(): void {
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const command = this.queue[0];
        let answer: CommandAnswer;
        try {
          answer = await this.transport(this.boardId, command);
        } catch {
          return; // offline or the server is down: keep it, in order, for resume()
        }
        // The store is unreachable: the command was not applied; try again later.
        if (answer.status === "rejected" && answer.code === "unavailable") return;
        this.queue.shift();
        if (answer.status === "accepted") this.on.accepted(answer);
        else this.on.rejected(command.commandId, answer);
      }
    } finally {
      this.running = false;
    }
  }
}
