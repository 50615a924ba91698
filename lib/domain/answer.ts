// The answer to one command, one type for the server that gives it (the route, the server action)
// and the client that reads it (the outbox): README, "HTTP API".
import type { Rejection } from "./commands";
import type { StoredEvent } from "./events";

export type CommandAnswer =
  | {
      readonly status: "accepted";
      readonly commandId: string;
      readonly version: number;
      readonly events: readonly StoredEvent[];
      readonly duplicate?: true;
    }
  | ({
      readonly status: "rejected";
      readonly commandId: string | null;
      readonly duplicate?: true;
      /** With `rate_limited`: seconds until the server takes changes again. */
      readonly retryAfter?: number;
    } & Rejection);
