// Commands outlive deploys: one queued offline under one version of Driftless may be replayed to
// the next. Every queued command records the schema version it was made with; a server upgrades
// the versions it has shipped before, step by step, to the current shape before validating.
import type { Rejection } from "./commands";

/**
 * The shape of commands this build makes (README, HTTP API). Bump it with an entry in UPGRADES.
 * 1: v1's commands. 2: v2 added commands (describeItem, labels, checklists, comments, limits,
 * restores) and changed none of v1's; it is a version of its own so that a server older than the
 * client (a deploy rolled back) keeps a v2 queue waiting rather than refusing its new commands.
 */
export const COMMAND_SCHEMA_VERSION = 2;

type Fields = Record<string, unknown>;

/**
 * `UPGRADES[v]` turns a command of schema version v into version v + 1. The device checks a pending
 * command against the current schema before showing it (lib/client/board-slice.ts, `predict`): an
 * entry that changes a shape must also be applied to the commands a page restores from its outbox
 * (lib/client/start-board.ts), or they show as not done until the server answers.
 */
export const UPGRADES: Readonly<Record<number, (command: Fields) => Fields>> = {
  // Every v1 command is a v2 command as it is.
  1: (command) => command,
};

export function upgradeCommand(
  input: unknown,
  from: number,
  upgrades: Readonly<Record<number, (command: Fields) => Fields>> = UPGRADES,
  current = COMMAND_SCHEMA_VERSION,
): { ok: true; input: unknown } | { ok: false; rejection: Rejection } {
  if (!Number.isSafeInteger(from) || from < 1) {
    return { ok: false, rejection: { code: "invalid", reason: "schemaVersion must be a whole number from 1." } };
  }
  if (from > current) {
    // A newer client than this server (a deploy being rolled back): keep it queued, do not drop it.
    return {
      ok: false,
      rejection: {
        code: "unavailable",
        reason: `This change was made by a newer version of Driftless (commands v${from}); this server knows up to v${current}.`,
      },
    };
  }
  let command = input;
  for (let version = from; version < current; version++) {
    const upgrade = upgrades[version];
    if (!upgrade) {
      return {
        ok: false,
        rejection: { code: "invalid", reason: `Commands of schema version ${from} can no longer be applied.` },
      };
    }
    if (typeof command === "object" && command !== null && !Array.isArray(command))
      command = upgrade(command as Fields);
  }
  return { ok: true, input: command };
}
