#!/usr/bin/env node
// After `next build`: the standalone server (`node .next/standalone/server.js`) serves static
// files only from its own folder, so copy the build's static assets and public/ next to it.
import { cpSync, existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const standalone = path.join(root, ".next", "standalone");
if (existsSync(standalone)) {
  cpSync(path.join(root, ".next", "static"), path.join(standalone, ".next", "static"), { recursive: true });
  cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
}
