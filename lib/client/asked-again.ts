// What one tab knows of the changes it shows as pending, so that none stays pending for good. A
// change leaves the outbox's storage when any sender got its answer: another tab, Background
// Sync, this page before a reload. That answer may never reach this page (its board already had
// the change when it loaded), so a change the storage no longer holds is asked about again (the
// commandId makes the server repeat its answer), and an answer this tab heard itself is told
// again instead of asked.
import type { BoardChange, CommandAnswer } from "@/lib/domain";
import type { QueuedCommand } from "./outbox";

type Accepted = Extract<CommandAnswer, { status: "accepted" }>;

export class AskedAgain {
  /** Commands being stored by this tab: pending, and not in the storage yet. */
  private readonly storing = new Set<string>();
  /** Entries this tab found in the storage (or could not store): what it would send again. */
  private readonly listed = new Map<string, QueuedCommand>();
  /** Answers this tab heard for commands that may still show as pending (accepted: until their events arrive). */
  private readonly heard = new Map<string, CommandAnswer>();

  storingStarted(commandId: string): void {
    this.storing.add(commandId);
  }

  storingEnded(commandId: string): void {
    this.storing.delete(commandId);
  }

  /** Entries read from the storage, or one that could not be stored: this tab can send them again. */
  found(entries: readonly QueuedCommand[]): void {
    for (const entry of entries) this.listed.set(entry.command.commandId, entry);
  }

  heardAnswer(commandId: string, answer: CommandAnswer): void {
    this.heard.set(commandId, answer);
  }

  /**
   * Of the changes shown as pending (in order of issue), the entries to send again, in that order.
   * Forgets what no longer shows; tells again (`accepted`) each acceptance heard here; stops at one
   * this tab is still storing, which goes first, so nothing is asked about ahead of it.
   */
  toAsk(pending: readonly BoardChange[], accepted: (answer: Accepted) => void): QueuedCommand[] {
    const shown = new Set(pending.map((command) => command.commandId));
    for (const commandId of this.listed.keys()) if (!shown.has(commandId)) this.listed.delete(commandId);
    for (const commandId of this.heard.keys()) if (!shown.has(commandId)) this.heard.delete(commandId);
    const ask: QueuedCommand[] = [];
    for (const command of pending) {
      if (this.storing.has(command.commandId)) break;
      const answer = this.heard.get(command.commandId);
      if (answer?.status === "accepted") accepted(answer);
      const entry = this.listed.get(command.commandId);
      if (!answer && entry) ask.push(entry);
    }
    return ask;
  }
}
