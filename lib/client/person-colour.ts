// A colour per person on the board, derived from their id (the same on every screen), one for the
// light theme and one for the dark. Made in OKLCH at one lightness per theme, so that every hue is
// equally far from the page's background (README, "Presence": at least 4.5:1 on both themes'
// backgrounds, which the unit tests check over many ids); chroma is lowered until the colour fits sRGB.

export interface PersonColour {
  readonly light: string;
  readonly dark: string;
}

const LIGHT_L = 0.52;
const DARK_L = 0.8;
const CHROMA = 0.14;

export function personColour(id: string): PersonColour {
  const hue = hueOf(id);
  return { light: oklchHex(LIGHT_L, CHROMA, hue), dark: oklchHex(DARK_L, CHROMA, hue) };
}

/** FNV-1a over the id's UTF-16 units, onto 0–359°. */
function hueOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 360;
}

function oklchHex(lightness: number, chroma: number, hueDegrees: number): string {
  const hue = (hueDegrees * Math.PI) / 180;
  for (let c = chroma; c >= 0; c -= 0.005) {
    const rgb = oklabToLinearSrgb(lightness, c * Math.cos(hue), c * Math.sin(hue));
    if (rgb.every((channel) => channel >= 0 && channel <= 1)) return hex(rgb);
  }
  return hex(oklabToLinearSrgb(lightness, 0, 0));
}

function oklabToLinearSrgb(l: number, a: number, b: number): [number, number, number] {
  const l1 = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m1 = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s1 = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l1 - 3.3077115913 * m1 + 0.2309699292 * s1,
    -1.2684380046 * l1 + 2.6097574011 * m1 - 0.3413193965 * s1,
    -0.0041960863 * l1 - 0.7034186147 * m1 + 1.707614701 * s1,
  ];
}

function hex(linear: readonly number[]): string {
  const encode = (channel: number) => {
    const value = channel <= 0.0031308 ? 12.92 * channel : 1.055 * channel ** (1 / 2.4) - 0.055;
    return Math.round(Math.min(1, Math.max(0, value)) * 255)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${linear.map(encode).join("")}`;
}
