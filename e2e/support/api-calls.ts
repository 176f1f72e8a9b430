import type { Page } from "@playwright/test";

/** The paths of the app's `/api/*` requests `page` makes from now on, in order. */
export function recordApiCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith("/api/")) calls.push(pathname);
  });
  return calls;
}
