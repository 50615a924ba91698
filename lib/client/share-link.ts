// A replaced read-only link, told to this board's other tabs: they stop showing the dead one.
const channelName = (boardId: string) => `driftless:share:${boardId}`;

export function announceShareLink(boardId: string, viewToken: string): void {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(channelName(boardId));
  channel.postMessage({ viewToken });
  channel.close();
}

/** Calls `onReplaced` with the new view token when another tab replaces the link. */
export function watchShareLink(boardId: string, onReplaced: (viewToken: string) => void): () => void {
  if (typeof BroadcastChannel === "undefined") return () => {};
  const channel = new BroadcastChannel(channelName(boardId));
  channel.onmessage = (event: MessageEvent<{ viewToken?: unknown }>) => {
    if (typeof event.data?.viewToken === "string") onReplaced(event.data.viewToken);
  };
  return () => channel.close();
}
