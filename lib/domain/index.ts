// The pure, isomorphic core: imported by the server, SSR, the history view and the Redux store.

export * from "./already-so";
export * from "./answer";
export * from "./command-versions";
export * from "./commands";
export * from "./creation";
export * from "./decide";
export * from "./describe";
export * from "./events";
export * from "./evolve";
export * from "./invert";
export * from "./positions";
export * from "./presence";
export * from "./state";
export * from "./table";
export * from "./text";
export * from "./view";
