// Lets a test count renders of board components (a big board must not re-render every item when
// one changes). Production renders have no probe and pay one context read.
import { createContext, useContext } from "react";

export type RenderProbeCallback = (component: "item" | "column", id: string) => void;

export const RenderProbe = createContext<RenderProbeCallback | null>(null);

export function useRenderProbe(component: "item" | "column", id: string): void {
  useContext(RenderProbe)?.(component, id);
}
