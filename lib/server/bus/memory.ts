import "server-only";
// The in-process bus: one instance only (the embedded default). Several MemoryBus objects in one
// process share one broker, so tests can stand two hubs on it like two instances.
import { EventEmitter } from "node:events";
import type { Bus } from "./index";

const broker = new EventEmitter().setMaxListeners(0);

export class MemoryBus implements Bus {
  readonly kind = "memory";
  private readonly channels = new Set<string>();
  private handler: (channel: string, message: string) => void = () => {};
  private readonly deliver = (channel: string, message: string) => {
    // Asynchronous like a real broker, so that no caller depends on re-entrant delivery.
    if (this.channels.has(channel)) queueMicrotask(() => this.handler(channel, message));
  };

  constructor() {
    broker.on("message", this.deliver);
  }

  async publish(channel: string, message: string): Promise<void> {
    broker.emit("message", channel, message);
  }

  async subscribe(channel: string): Promise<void> {
    this.channels.add(channel);
  }

  async unsubscribe(channel: string): Promise<void> {
    this.channels.delete(channel);
  }

  onMessage(handler: (channel: string, message: string) => void): void {
    this.handler = handler;
  }

  onReconnect(): void {}

  connected(): boolean {
    return true;
  }

  async close(): Promise<void> {
    broker.off("message", this.deliver);
    this.channels.clear();
  }
}
