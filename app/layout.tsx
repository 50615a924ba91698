import type { Metadata, Viewport } from "next";
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

export default function RootLayout({ children }: { children: React.ReactNode }) {
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
