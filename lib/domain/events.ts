// The event catalogue (README, "HTTP API"): what happened to a board, in the past tense.

/** Bumped when the shape of a stored event's data changes; `upcast` brings old rows forward. */
export const EVENT_SCHEMA_VERSION = 1;

/** The colours a label may have (README, HTTP API). */
export const LABEL_COLORS = [
  "green",
  "yellow",
  "orange",
  "red",
  "purple",
  "blue",
  "sky",
  "lime",
  "pink",
  "black",
] as const;
export type LabelColor = (typeof LABEL_COLORS)[number];

type ItemRef = { readonly itemId: string };
type EntryRef = { readonly itemId: string; readonly entryId: string };

export type DomainEvent =
  // v1: the board, its columns and titled items.
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
  | { readonly type: "ItemCompleted"; readonly data: ItemRef }
  | { readonly type: "ItemReopened"; readonly data: ItemRef }
  | {
      readonly type: "ItemMoved";
      readonly data: { readonly itemId: string; readonly columnId: string; readonly position: string };
    }
  | { readonly type: "ItemRemoved"; readonly data: ItemRef }
  // v2: details on items, labels, people, checklists, comments, limits, restoring.
  | { readonly type: "ItemDescribed"; readonly data: { readonly itemId: string; readonly description: string } }
  | { readonly type: "ItemDueSet"; readonly data: { readonly itemId: string; readonly due: string | null } }
  | {
      readonly type: "LabelAdded";
      readonly data: { readonly labelId: string; readonly name: string; readonly color: LabelColor };
    }
  | {
      readonly type: "LabelEdited";
      readonly data: { readonly labelId: string; readonly name: string; readonly color: LabelColor };
    }
  | { readonly type: "LabelRemoved"; readonly data: { readonly labelId: string } }
  | { readonly type: "ItemLabeled"; readonly data: { readonly itemId: string; readonly labelId: string } }
  | { readonly type: "ItemUnlabeled"; readonly data: { readonly itemId: string; readonly labelId: string } }
  | { readonly type: "ItemAssigned"; readonly data: { readonly itemId: string; readonly memberId: string } }
  | { readonly type: "ItemUnassigned"; readonly data: { readonly itemId: string; readonly memberId: string } }
  | {
      readonly type: "ChecklistEntryAdded";
      readonly data: {
        readonly itemId: string;
        readonly entryId: string;
        readonly text: string;
        readonly position: string;
      };
    }
  | {
      readonly type: "ChecklistEntryEdited";
      readonly data: { readonly itemId: string; readonly entryId: string; readonly text: string };
    }
  | { readonly type: "ChecklistEntryChecked"; readonly data: EntryRef }
  | { readonly type: "ChecklistEntryUnchecked"; readonly data: EntryRef }
  | { readonly type: "ChecklistEntryRemoved"; readonly data: EntryRef }
  | {
      readonly type: "ChecklistEntryMoved";
      readonly data: { readonly itemId: string; readonly entryId: string; readonly position: string };
    }
  | {
      readonly type: "ItemCommented";
      readonly data: {
        readonly itemId: string;
        readonly commentId: string;
        readonly text: string;
        /**
         * Only on a comment brought in by an import: who wrote it and when, where it was written
         * (a Trello comment keeps its author and date). Otherwise the event's own actor and `at` are
         * the comment's (README, "What an import adds to the domain").
         */
        readonly author?: { readonly id: string; readonly name: string };
        readonly at?: string;
      };
    }
  | { readonly type: "CommentEdited"; readonly data: { readonly commentId: string; readonly text: string } }
  | { readonly type: "CommentRemoved"; readonly data: { readonly commentId: string } }
  | { readonly type: "ColumnLimitSet"; readonly data: { readonly columnId: string; readonly limit: number | null } }
  | {
      readonly type: "ItemRestored";
      readonly data: { readonly itemId: string; readonly columnId: string; readonly position: string };
    }
  | { readonly type: "ColumnRestored"; readonly data: { readonly columnId: string; readonly position: string } }
  // Import-only: a person who becomes a member without an event of their own (a Trello member),
  // decided from an import's file, never from a command anyone can send (README, "What an import
  // adds to the domain").
  | { readonly type: "MemberAdded"; readonly data: { readonly memberId: string; readonly name: string } };

export type EventType = DomainEvent["type"];

export interface Actor {
  readonly id: string;
  readonly name: string;
}

/**
 * An event with what the log knows about it beyond its data: who did it and when. This is what
 * `fold` takes (members and comment authors come from it). A StoredEvent is one; an event decided
 * but not yet stamped has neither, and then changes no member.
 */
export type Envelope = DomainEvent & { readonly actor?: Actor; readonly at?: string };

/** An event as the log, the stream and command answers carry it (README, "The event stream"). */
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
  "ItemDescribed",
  "ItemDueSet",
  "LabelAdded",
  "LabelEdited",
  "LabelRemoved",
  "ItemLabeled",
  "ItemUnlabeled",
  "ItemAssigned",
  "ItemUnassigned",
  "ChecklistEntryAdded",
  "ChecklistEntryEdited",
  "ChecklistEntryChecked",
  "ChecklistEntryUnchecked",
  "ChecklistEntryRemoved",
  "ChecklistEntryMoved",
  "ItemCommented",
  "CommentEdited",
  "CommentRemoved",
  "ColumnLimitSet",
  "ItemRestored",
  "ColumnRestored",
  "MemberAdded",
];

/** The events only an import makes (README, "What an import adds to the domain"): no command decides them. */
export const IMPORT_ONLY_EVENT_TYPES: readonly EventType[] = ["MemberAdded"];

/** The events of version 1 of the contract (a v1 log holds only these). */
export const V1_EVENT_TYPES: readonly EventType[] = EVENT_TYPES.slice(0, 12);

const KNOWN = new Set<string>(EVENT_TYPES);

export function isEventType(type: string): type is EventType {
  return KNOWN.has(type);
}

/** Events stamped with who made them and when (a prediction on the client, a decision on the server). */
export function stamped(events: readonly DomainEvent[], actor: Actor, at: string): Envelope[] {
  return events.map((event) => ({ type: event.type, data: event.data, actor, at }) as Envelope);
}

/**
 * Brings an event stored under an older schema version up to the current shape.
 * Version 1 is the only shape so far: v2 added event types but changed none of v1's (a v1 log
 * folds as it is). A future change of shape adds a case here instead of rewriting the log.
 */
export function upcast(type: EventType, schemaVersion: number, data: unknown): DomainEvent {
  if (schemaVersion > EVENT_SCHEMA_VERSION) {
    throw new Error(`Event schema version ${schemaVersion} is newer than this code (${EVENT_SCHEMA_VERSION})`);
  }
  return { type, data } as DomainEvent;
}
