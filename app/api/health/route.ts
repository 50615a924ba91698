// GET /api/health — is the store reachable, and which store and bus this instance uses
import { health } from "@/lib/server/health";
import { json } from "@/lib/server/http";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await health();
  return json(report, report.ok ? 200 : 503);
}
