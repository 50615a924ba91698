// The tables of the log. The same schema and migrations run on Postgres and on PGlite.
import { sql } from "drizzle-orm";
import { integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";

export const boards = pgTable("boards", {
  id: text("id").primaryKey(),
  /** The head: the version of the board's last event. Bumped inside the appending transaction. */
  version: integer("version").notNull().default(0),
  viewToken: text("view_token").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
});
export type BoardRow = typeof boards.$inferSelect;

export const events = pgTable(
  "events",
  {
    boardId: text("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    type: text("type").notNull(),
    schemaVersion: smallint("schema_version").notNull().default(1),
    data: jsonb("data").notNull(),
    commandId: text("command_id").notNull(),
    actorId: text("actor_id").notNull(),
    actorName: text("actor_name").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.boardId, table.version] })],
);
export type EventRow = typeof events.$inferSelect;

/** One row per command ever decided, so that a replayed `commandId` repeats its outcome. */
export const commandOutcomes = pgTable("command_outcomes", {
  commandId: text("command_id").primaryKey(),
  boardId: text("board_id")
    .notNull()
    .references(() => boards.id, { onDelete: "cascade" }),
  outcome: jsonb("outcome").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
});
export type CommandOutcomeRow = typeof commandOutcomes.$inferSelect;

export const snapshots = pgTable(
  "snapshots",
  {
    boardId: text("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    state: jsonb("state").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (table) => [primaryKey({ columns: [table.boardId, table.version] })],
);
export type SnapshotRow = typeof snapshots.$inferSelect;

/**
 * Secrets the instances of one deployment must share and that no environment variable provided:
 * generated once by the first instance that needs one (e.g. `actor`: the key of actor cookies).
 */
export const serverSecrets = pgTable("server_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
});
export type ServerSecretRow = typeof serverSecrets.$inferSelect;
