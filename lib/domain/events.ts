// The event catalogue of CONTRACT.md: what happened to a board, in the past tense.

/** Bumped when the shape of a stored event's data changes; `upcast` brings old rows forward. */
export const EVENT_SCHEMA_VERSION = 1;

export type DomainEvent =
  | { readonly type: "BoardCreated"; readonly data: { readonly title: string } }
  | { readonly type: "BoardRenamed"; readonly data: { readonly title: string } }
  | {
      readonly type: "ColumnAdded";
      readonly data: { readonly columnId: string; readonly title: string; readonly position: string };
    }
  | { readonly type: "ColumnRenamed"; readonly data: { readonly columnId: string; readonly title: string } }
  | { readonly type: "ColumnMoved"; readonly data: { readonly columnId: string; readonly position: string } }
  | { readonly type: "ColumnRemoved"; readonly data: { readonly columnId: string } }
  | {
      readonly type: "ItemAdded";
      readonly data: {
        readonly itemId: string;
        readonly columnId: string;
        readonly title: string;
        readonly position: string;
      };
    }
  | { readonly type: "ItemTitleUpdated"; readonly data: { readonly itemId: string; readonly newTitle: string } }
  | { readonly type: "ItemCompleted"; readonly data: { readonly itemId: string } }
  | { readonly type: "ItemReopened"; readonly data: { readonly itemId: string } }
  | {
      readonly type: "ItemMoved";
      readonly data: { readonly itemId: string; readonly columnId: string; readonly position: string };
    }
  | { readonly type: "ItemRemoved"; readonly data: { readonly itemId: string } };

export type EventType = DomainEvent["type"];

export interface Actor {
  readonly id: string;
  readonly name: string;
}

/** An event as the log, the stream and command answers carry it (CONTRACT.md). */
export type StoredEvent = DomainEvent & {
  readonly version: number;
  readonly commandId: string;
  readonly actor: Actor;
  /** ISO-8601, stamped by the server. */
  readonly at: string;
};

export const EVENT_TYPES: readonly EventType[] = [
  "BoardCreated",
  "BoardRenamed",
  "ColumnAdded",
  "ColumnRenamed",
  "ColumnMoved",
  "ColumnRemoved",
  "ItemAdded",
  "ItemTitleUpdated",
  "ItemCompleted",
  "ItemReopened",
  "ItemMoved",
  "ItemRemoved",
];

export function isEventType(type: string): type is EventType {
  return (EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * Brings an event stored under an older schema version up to the current shape.
 * Version 1 is the only shape so far; a future change adds a case here instead of
 * rewriting the log.
 */
export function upcast(type: EventType, schemaVersion: number, data: unknown): DomainEvent {
  if (schemaVersion > EVENT_SCHEMA_VERSION) {
    throw new Error(`Event schema version ${schemaVersion} is newer than this code (${EVENT_SCHEMA_VERSION})`);
  }
  return { type, data } as DomainEvent;
}
