import { describe, expect, it } from "vitest";
import { personColour } from "@/lib/client/person-colour";

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(colour: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const value = Number.parseInt(colour.slice(at, at + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

// The page's backgrounds (app/globals.css: --bg and --surface, light then dark).
const LIGHT = ["#f6f7f9", "#ffffff"];
const DARK = ["#15171c", "#1f2229"];

describe("personColour", () => {
  it("is the same for the same id, and differs between people", () => {
    expect(personColour("ann-pseudonym")).toEqual(personColour("ann-pseudonym"));
    const colours = new Set(Array.from({ length: 50 }, (_, n) => personColour(`person-${n}`).light));
    expect(colours.size).toBeGreaterThan(30);
  });

  it("stands out from both themes' backgrounds by at least 4.5:1, whatever the id", () => {
    let lowest = Number.POSITIVE_INFINITY;
    for (let n = 0; n < 2000; n++) {
      const { light, dark } = personColour(`id-${n}-${n * 7919}`);
      for (const background of LIGHT) lowest = Math.min(lowest, contrast(light, background));
      for (const background of DARK) lowest = Math.min(lowest, contrast(dark, background));
    }
    expect(lowest).toBeGreaterThanOrEqual(4.5);
  });
});
