import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";
import { KeepForOffline } from "./KeepForOffline";
import { UpdatePrompt } from "./UpdatePrompt";

export const metadata: Metadata = {
  title: { default: "Driftless", template: "%s · Driftless" },
  description: "Plan together on boards of columns and items — live, and offline too.",
  applicationName: "Driftless",
  appleWebApp: { capable: true, title: "Driftless", statusBarStyle: "default" },
  icons: { icon: "/icons/icon-192.png", apple: "/icons/apple-touch-icon.png" },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f6f7f9" },
    { media: "(prefers-color-scheme: dark)", color: "#15171c" },
  ],
};

/**
 * Every page renders per request, the start page too: its scripts carry the nonce of its
 * response's Content-Security-Policy (proxy.ts), which prebuilt HTML could not.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>
        {children}
        <UpdatePrompt />
        <KeepForOffline />
      </body>
    </html>
  );
}
