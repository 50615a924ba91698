// The UTF-16 a byte order mark at the start of some bytes names, either way round; without one the
// bytes are UTF-8 (whose own mark TextDecoder drops). The import page and the server's body reader
// read it alike (README, "Importing", "HTTP API").
export type Utf16 = "utf-16le" | "utf-16be";

export function utf16ByMark(bytes: Uint8Array): Utf16 | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}
