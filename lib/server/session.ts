import "server-only";
// The actor of a server action, from Next's request cookies.
import { cookies } from "next/headers";
import type { Actor } from "@/lib/domain";
import { ACTOR_COOKIE, actorCookieOptions, resolveActor } from "./actor";

/** The current actor; a new one gets its cookie (cookies can be set in server actions only). */
export async function actionActor(): Promise<Actor> {
  const jar = await cookies();
  const { actor, isNew } = resolveActor((name) => jar.get(name)?.value);
  if (isNew) jar.set(ACTOR_COOKIE, actor.id, actorCookieOptions);
  return actor;
}
