// Convergence, measured: several clients — the real client store, outbox and stream connection of
// the board page, in this process — on two real instances (Postgres + Redis; one on PGlite when
// those are not set), each with its own network that the test cuts and restores, reloading while
// offline, issuing random v1 and v2 commands made from what it sees (so some conflict with what
// others did meanwhile). At the end every client's state equals the server's fold, nothing is
// waiting anywhere, and every command was applied once or refused once.
//
// It prints its seed; `CONVERGENCE_SEED=<seed> npx vitest run --project processes
// tests/integration/convergence.process.test.ts` replays the same run (the same clients doing the
// same things in the same order; the network's own timing is the machine's).
import { randomBytes } from "node:crypto";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandIssued } from "@/lib/client/board-slice";
import { type ConnectionEnvironment, connectBoard } from "@/lib/client/connection";
import type { EventSourceLike } from "@/lib/client/live-stream";
import { type CommandAnswer, memoryOutbox, type OutboxTransport, RetryLater } from "@/lib/client/outbox";
import { type AppStore, issue, makeStore } from "@/lib/client/store";
import {
  type Actor,
  type BoardRecord,
  emptyBoard,
  fold,
  fromRecord,
  parseCommand,
  type RejectionCode,
  type StoredEvent,
  toRecord,
  toView,
} from "@/lib/domain";
import { randomCommand, seeded } from "../unit/history";
import { type RunningServer, startServer } from "./servers";

const { DATABASE_URL, REDIS_URL } = process.env;
const shared = Boolean(DATABASE_URL && REDIS_URL);
/** CI runs these; a failure prints the one to replay. */
const SEEDS = process.env.CONVERGENCE_SEED ? [Number(process.env.CONVERGENCE_SEED)] : [1201, 1202, 1203, 1204, 1205];
const CLIENTS = 4;
const WORDS = ["Milk", "Ship v2", "Call Ana", "Plan Q3", "Fix login"];
const STEPS = 160;

const servers: RunningServer[] = [];
const everyone: Client[] = [];

beforeAll(async () => {
  const env = {
    DATABASE_URL: shared ? DATABASE_URL : "",
    REDIS_URL: shared ? REDIS_URL : "",
    PGLITE_DIR: shared ? undefined : "memory://",
    LOG_LEVEL: "warn",
    RATE_LIMIT_ACTOR_PER_MINUTE: "10000000",
    RATE_LIMIT_IP_PER_MINUTE: "10000000",
    SSE_MAX_PER_IP: "100000",
    LIVE_CHECK_SECONDS: "2",
  };
  servers.push(...(await Promise.all((shared ? [1, 2] : [1]).map(() => startServer({ env })))));
}, 120_000);

afterAll(async () => {
  for (const client of everyone) client.stop();
  await Promise.all(servers.map((server) => server.stop()));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A UUID from the seeded generator, offset by this process's own random digits: the same run makes
 * the same commands, and a replay on a database kept from an earlier run does not reuse its ids
 * (a commandId is unique across boards).
 */
const RUN_DIGITS = Array.from(randomBytes(32), (byte) => byte % 16);
function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, (_, i) => ((Math.floor(random() * 16) + RUN_DIGITS[i]) % 16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[Math.floor(random() * 4)];
  const text = hex.join("");
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

interface Render {
  readonly version: number;
  readonly state: BoardRecord;
}

/**
 * One browser: its own cookie, network, outbox storage (what IndexedDB keeps) and saved copy of
 * the board; a "page" is a store made from what a page load would give, connected with the real
 * connection module.
 */
class Client {
  online = true;
  /** Bumped when the network goes: an answer to a request sent before is lost on the way. */
  private epoch = 0;
  private cookie = "";
  private readonly storage = memoryOutbox();
  private saved: Render | undefined;
  /** The page as the service worker kept it: what an offline reload shows first. */
  private cachedPage: Render | undefined;
  private me: Actor | null = null;
  private readonly sources = new Set<EventSource>();
  private readonly network = new Set<{ online(): void; offline(): void }>();
  store: AppStore | undefined;
  private disconnect: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Every command this client put in its outbox, and how the server answered each (last answer). */
  readonly enqueued = new Set<string>();
  readonly answers = new Map<string, "accepted" | "rejected">();

  constructor(
    readonly name: string,
    readonly server: string,
    readonly boardId: string,
  ) {}

  /** fetch on this client's network: refused while it is down, and an answer lost if it went down meanwhile. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    if (!this.online) throw new TypeError("offline");
    const epoch = this.epoch;
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set("cookie", this.cookie);
    const response = await fetch(url, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      if (pair.startsWith("driftless_actor=")) this.cookie = pair;
    }
    if (epoch !== this.epoch) {
      await response.body?.cancel().catch(() => {});
      throw new TypeError("the connection dropped before the answer came");
    }
    return response;
  }

  private transport(): OutboxTransport {
    const post = async (body: unknown): Promise<Response> => {
      let response: Response;
      try {
        response = await this.fetch(`${this.server}/api/boards/${this.boardId}/commands`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      } catch {
        throw new RetryLater("offline");
      }
      if (response.status >= 500 || response.status === 429) throw new RetryLater(`answered ${response.status}`);
      return response;
    };
    const note = (answers: CommandAnswer[]) => {
      for (const answer of answers) if (answer.commandId) this.answers.set(answer.commandId, answer.status);
      return answers;
    };
    return {
      sendOne: async (_boardId, command) => note([(await (await post(command)).json()) as CommandAnswer])[0],
      sendBatch: async (_boardId, commands, schemaVersion) => {
        const response = await post({ commands, schemaVersion });
        const body = (await response.json()) as { results?: CommandAnswer[]; code?: RejectionCode; reason?: string };
        if (Array.isArray(body.results)) return note(body.results);
        return note(
          commands.map((command) => ({
            status: "rejected" as const,
            commandId: command.commandId,
            code: body.code ?? "invalid",
            reason: body.reason ?? "refused",
          })),
        );
      },
    };
  }

  private environment(): ConnectionEnvironment {
    return {
      base: this.server,
      fetch: (url, init) => this.fetch(url, init),
      eventSource: (url) => {
        const source = new EventSource(url, { fetch: (input, init) => this.fetch(input, init as RequestInit) });
        this.sources.add(source);
        return source as unknown as EventSourceLike;
      },
      online: () => this.online,
      watchNetwork: (online, offline) => {
        const watcher = { online, offline };
        this.network.add(watcher);
        return () => this.network.delete(watcher);
      },
      schedule: (task, ms) => setTimeout(task, ms),
      cancel: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    };
  }

  /** What a page load gives: the board folded from the log (as the server renders it). */
  private async render(): Promise<Render> {
    const response = await this.fetch(`${this.server}/api/boards/${this.boardId}/log?after=0&limit=5000`);
    const { events } = (await response.json()) as { events: StoredEvent[] };
    return { version: events.at(-1)?.version ?? 0, state: toRecord(fold(emptyBoard, events)) };
  }

  /** Opens the page: from the server online, from the kept page offline; then as startBoard does. */
  async open(): Promise<void> {
    const page = this.online ? await this.render().catch(() => this.cachedPage) : this.cachedPage;
    if (!page) throw new Error(`${this.name} has no page to open`);
    this.cachedPage = page;
    const start = this.saved && this.saved.version > page.version ? this.saved : page;
    const store = makeStore({
      boardId: this.boardId,
      version: start.version,
      state: fromRecord(start.state),
      me: this.me,
      device: {
        storage: {
          put: async (entry) => {
            this.enqueued.add(entry.command.commandId);
            await this.storage.put(entry);
          },
          remove: (ids) => this.storage.remove(ids),
          list: (boardId) => this.storage.list(boardId),
        },
        transport: this.transport(),
        isOnline: () => this.online,
      },
    });
    this.store = store;
    for (const entry of await store.services.outbox.waiting()) store.dispatch(commandIssued(entry.command));
    // The device keeps its copy of the board (IndexedDB in the browser) and who it is.
    this.unsubscribe = store.subscribe(() => {
      const board = store.getState().board;
      this.me = board.me;
      if (board.version !== this.saved?.version)
        this.saved = { version: board.version, state: toRecord(board.confirmed) };
    });
    this.disconnect = connectBoard(store, this.environment());
  }

  stop(): void {
    this.disconnect?.();
    this.unsubscribe?.();
    this.store?.services.outbox.close();
    for (const source of this.sources) source.close();
    this.sources.clear();
  }

  async reload(): Promise<void> {
    this.stop();
    await this.open();
  }

  goOffline(): void {
    if (!this.online) return;
    this.online = false;
    this.epoch++;
    for (const source of this.sources) source.close();
    this.sources.clear();
    for (const watcher of this.network) watcher.offline();
  }

  goOnline(): void {
    if (this.online) return;
    this.online = true;
    for (const watcher of this.network) watcher.online();
  }

  /** A change a person might make now, from what this page shows. */
  async change(random: () => number, freshId: (prefix: string) => string): Promise<void> {
    const store = this.store as AppStore;
    const words = () => `${WORDS[Math.floor(random() * WORDS.length)]} #${freshId("w").slice(-4)}`;
    const input = randomCommand(store.getState().board.view, random, freshId, words);
    const parsed = parseCommand({ commandId: uuidFrom(random), ...input });
    if (!parsed.ok) throw new Error(`the generator made an invalid command: ${parsed.rejection.reason}`);
    await store.dispatch(issue(parsed.command));
  }

  async waiting(): Promise<number> {
    return (await this.storage.list(this.boardId)).length;
  }
}

/** A short fingerprint of the run's actions: two runs of one seed print the same. */
function actionsDigest(actions: readonly string[]): string {
  let hash = 0;
  for (const action of actions)
    for (let i = 0; i < action.length; i++) hash = (Math.imul(hash, 31) + action.charCodeAt(i)) >>> 0;
  return `${actions.length} steps, #${hash.toString(16)}`;
}

async function createBoard(server: string, title: string): Promise<string> {
  const response = await fetch(`${server}/api/boards`, { method: "POST", body: JSON.stringify({ title }) });
  expect(response.status).toBe(201);
  return ((await response.json()) as { boardId: string }).boardId;
}

async function serverLog(server: string, boardId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let after = 0; ; ) {
    const page = (await (await fetch(`${server}/api/boards/${boardId}/log?after=${after}&limit=5000`)).json()) as {
      events: StoredEvent[];
    };
    events.push(...page.events);
    if (page.events.length < 5000) return events;
    after = page.events[page.events.length - 1].version;
  }
}

describe(`convergence: ${CLIENTS} clients on ${shared ? "two instances (Postgres + Redis)" : "one instance (PGlite)"}, networks cut and restored`, () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: every client ends with the server's fold, nothing waiting, each command applied once`, async () => {
      console.log(`convergence seed ${seed} (replay: CONVERGENCE_SEED=${seed})`);
      const random = seeded(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
      let serial = 0;
      const freshId = (prefix: string) => `${prefix}-${seed}-${String(++serial).padStart(16, "0")}`;
      const boardId = await createBoard(servers[0].url, `Convergence ${seed}`);
      const clients = Array.from(
        { length: CLIENTS },
        (_, n) => new Client(`client ${n + 1}`, servers[n % servers.length].url, boardId),
      );
      everyone.push(...clients);
      for (const client of clients) await client.open();
      // A board to work on before the chaos starts.
      for (let n = 0; n < 6; n++) await clients[n % CLIENTS].change(seeded(seed + n), freshId);

      const actions: string[] = [];
      for (let step = 0; step < STEPS; step++) {
        const client = pick(clients);
        const roll = random();
        // A change is made from what the client sees, which the network's timing decides: it draws
        // from a generator of its own, so that the run's sequence of actions replays exactly.
        const forTheChange = seeded(Math.floor(random() * 2 ** 32));
        if (roll < 0.62) {
          actions.push(`${client.name} changes`);
          await client.change(forTheChange, freshId);
        } else if (roll < 0.74) {
          actions.push(`${client.name} goes offline`);
          client.goOffline();
        } else if (roll < 0.86) {
          actions.push(`${client.name} comes back`);
          client.goOnline();
        } else if (roll < 0.94) {
          actions.push(`${client.name} reloads${client.online ? "" : " offline"}`);
          await client.reload();
        } else {
          actions.push("a pause");
          await sleep(20 + random() * 80);
        }
        await sleep(random() * 15);
      }

      // Everyone back online; then nothing may be waiting anywhere, and every copy is the server's.
      for (const client of clients) client.goOnline();
      const settled = async () => {
        const head = (await serverLog(servers[0].url, boardId)).at(-1)?.version ?? 0;
        for (const client of clients) {
          const board = (client.store as AppStore).getState().board;
          if (board.version !== head || board.pending.ids.length > 0 || (await client.waiting()) > 0) return false;
        }
        return true;
      };
      const deadline = Date.now() + 60_000;
      while (!(await settled())) {
        if (Date.now() > deadline) {
          const states = await Promise.all(
            clients.map(async (client) => {
              const board = (client.store as AppStore).getState().board;
              return `${client.name}: v${board.version}, ${board.pending.ids.length} pending, ${await client.waiting()} waiting, ${board.connection}`;
            }),
          );
          throw new Error(
            `seed ${seed} did not settle in 60 s:\n${states.join("\n")}\nlast actions: ${actions.slice(-12).join("; ")}`,
          );
        }
        await sleep(200);
      }

      const log = await serverLog(servers[0].url, boardId);
      const truth = toView(fold(emptyBoard, log));
      const answer = (await (await fetch(`${servers[0].url}/api/boards/${boardId}`)).json()) as { state: unknown };
      expect(answer.state, `seed ${seed}: the server's state is the fold of its log`).toEqual(truth);
      for (const client of clients) {
        const board = (client.store as AppStore).getState().board;
        expect(toView(board.confirmed), `seed ${seed}: ${client.name}'s board`).toEqual(truth);
        expect(toView(board.view), `seed ${seed}: what ${client.name} shows`).toEqual(truth);
      }

      // Each command once: its events form one run of versions; and each command a client sent is in
      // the log (accepted) or was refused — never both, never lost.
      const runs = new Map<string, number[]>();
      for (const event of log) runs.set(event.commandId, [...(runs.get(event.commandId) ?? []), event.version]);
      for (const [commandId, versions] of runs) {
        expect(
          versions.every((version, index) => index === 0 || version === versions[index - 1] + 1),
          `seed ${seed}: command ${commandId} was applied more than once (versions ${versions.join(", ")})`,
        ).toBe(true);
      }
      const sent = clients.flatMap((client) => [...client.enqueued]);
      expect(new Set(sent).size, `seed ${seed}: a commandId was made twice`).toBe(sent.length);
      for (const client of clients) {
        for (const commandId of client.enqueued) {
          const inLog = runs.has(commandId);
          const answer = client.answers.get(commandId);
          expect(answer, `seed ${seed}: ${client.name} never heard about ${commandId}`).toBeDefined();
          expect(inLog, `seed ${seed}: ${commandId} answered ${answer}`).toBe(answer === "accepted");
        }
      }
      const accepted = sent.filter((commandId) => runs.has(commandId)).length;
      console.log(`convergence seed ${seed}: actions ${actionsDigest(actions)}`);
      console.log(
        `convergence seed ${seed}: ${sent.length} commands sent, ${accepted} applied, ${sent.length - accepted} refused; ${log.length} events; ${actions.filter((action) => action.includes("offline")).length} times offline, ${actions.filter((action) => action.includes("reloads")).length} reloads`,
      );
    }, 180_000);
  }
});
