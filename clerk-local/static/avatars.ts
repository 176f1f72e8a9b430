// Profile pictures served by the local Clerk itself: an uploaded image (`/avatars/img_…`), else the user's
// initials on a colour derived from their id, as SVG, so `image_url` renders with no network.
import { createHash } from "node:crypto";
import type { Hono } from "hono";
import type { Store } from "../state/store";

function initials(first: string | null, last: string | null, fallback: string): string {
  const letters = [first, last].map((part) => part?.trim().charAt(0) ?? "").join("");
  return (letters || fallback.charAt(0) || "?").toUpperCase();
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function avatarSvg(seed: string, label: string): string {
  const hue = createHash("sha256").update(seed).digest()[0]! * (360 / 256);
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">',
    `<rect width="128" height="128" fill="hsl(${hue.toFixed(0)} 55% 42%)"/>`,
    '<text x="64" y="64" dy=".35em" text-anchor="middle" font-family="system-ui,sans-serif" font-size="52" fill="#fff">',
    escapeXml(label),
    "</text></svg>",
  ].join("");
}

export function registerAvatars(app: Hono, store: Store): void {
  app.get("/avatars/:file", (c) => {
    const uploaded = store.profileImage(c.req.param("file"));
    if (uploaded) {
      return c.body(uploaded.bytes.slice().buffer, 200, {
        "Content-Type": uploaded.content_type,
        // A new upload gets a new id, so one URL always names the same bytes.
        "Cache-Control": "public, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff",
        "Access-Control-Allow-Origin": "*",
      });
    }
    const id = c.req.param("file").replace(/\.svg$/, "");
    const user = store.user(id);
    const email = user?.email_addresses[0]?.email_address ?? "?";
    const svg = avatarSvg(id, user ? initials(user.first_name, user.last_name, email) : "?");
    return c.body(svg, 200, {
      "Content-Type": "image/svg+xml",
      // Revalidated every time: a renamed user gets new initials at once.
      "Cache-Control": "no-cache",
      "Access-Control-Allow-Origin": "*",
    });
  });
}
