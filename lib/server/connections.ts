import "server-only";
// What Next 16 does not hand a route handler about its request: the connection it came on (its
// address and whether it is TLS) and the Node response behind it, which is the only thing that
// can tell when an answer has really left, and the only thing that can cut a client that stopped
// reading (closing or erroring the body's ReadableStream leaves a write stuck in the socket, and
// the socket open). Node publishes every request on the `http.server.request.start` diagnostics
// channel before any handler sees it; each is marked with an id no client can guess or set, and
// looked up by that id for as long as its response is open. See README, "Architecture".
import { randomBytes } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** Set on every request by the watch below, overwriting whatever the client sent. */
const CONNECTION_HEADER = "x-driftless-connection";

export interface Connection {
  /** The peer's address as the socket sees it (the last proxy, when there is one). */
  readonly address: string;
  /** The connection itself is TLS (`next start` is plain HTTP; a TLS proxy says so in headers). */
  readonly encrypted: boolean;
  /** Resolves when the response has really ended: sent whole, or its connection gone. */
  readonly ended: Promise<void>;
  /** Cuts the connection now: whatever is still queued for it is dropped. */
  destroy(): void;
  /**
   * Writes bytes straight to the response, past the framework's body stream (one socket write,
   * no promise per chunk). Only for a response whose body the handler owns and leaves empty; false
   * when they wait in memory for the client (see `drained`).
   */
  write(chunk: Uint8Array): boolean;
  /** Bytes written and not yet taken by the client's socket. */
  queued(): number;
  /** Resolves once what waits in memory has gone to the socket, or the connection is gone. */
  drained(): Promise<void>;
}

interface Registry {
  /** Random per process: an id a client sends itself matches nothing. */
  readonly prefix: string;
  next: number;
  readonly open: Map<string, Connection>;
}

const state = globalThis as typeof globalThis & { __driftlessConnections?: Registry };

/** Starts watching the requests of this process's HTTP servers (once, from instrumentation). */
export function watchConnections(): void {
  if (state.__driftlessConnections) return;
  const registry: Registry = { prefix: randomBytes(12).toString("base64url"), next: 0, open: new Map() };
  state.__driftlessConnections = registry;
  subscribe("http.server.request.start", (message) => {
    const { request, response, socket } = message as {
      request: IncomingMessage;
      response: ServerResponse;
      socket: Socket & { encrypted?: boolean };
    };
    const id = `${registry.prefix}.${(registry.next++).toString(36)}`;
    request.headers[CONNECTION_HEADER] = id;
    const ended = new Promise<void>((resolve) => response.once("close", resolve));
    registry.open.set(id, {
      address: socket.remoteAddress ?? "unknown",
      encrypted: socket.encrypted === true,
      ended,
      destroy: () => response.destroy(),
      write: (chunk) => response.write(chunk),
      queued: () => response.writableLength,
      drained: () =>
        response.writableNeedDrain && !response.destroyed
          ? Promise.race([new Promise<void>((resolve) => response.once("drain", resolve)), ended])
          : Promise.resolve(),
    });
    response.once("close", () => registry.open.delete(id));
  });
}

/** True in a server process that watches its connections (false in tests that call handlers directly). */
export function watchingConnections(): boolean {
  return state.__driftlessConnections !== undefined;
}

/** The connection a request came on, while its response is open; undefined when it is not known. */
export function connectionOf(headers: Headers): Connection | undefined {
  const id = headers.get(CONNECTION_HEADER);
  return id === null ? undefined : state.__driftlessConnections?.open.get(id);
}
