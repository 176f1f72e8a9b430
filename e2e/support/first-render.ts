// What the dashboard's panels hold at DOMContentLoaded, and what they show afterwards, recorded inside the
// page before any of its own scripts run (e2e/first-render.spec.ts, e2e/clerk-faults.spec.ts).
import type { Page } from "@playwright/test";

/** What the panels held when DOMContentLoaded fired. */
export type Snapshot = { userId: string | null; firstName: string | null; email: string | null; adminValue: string | null; roleNeeded: boolean; statuses: string[] };
export type FirstRender = { atDomContentLoaded?: Snapshot; loadingShown: string[]; changesAfterDomContentLoaded: string[] };

/**
 * Runs before the page's own scripts: snapshots the panels at DOMContentLoaded, and records any loading
 * state they ever show and every change inside them after it. A string: the page has no helpers of tsx.
 */
export const RECORD_FIRST_RENDER = `(() => {
  const panels = 'section[aria-labelledby="profile-heading"], section[aria-labelledby="admin-heading"]';
  // React streams a late part into a hidden element and moves it in place later: only what is shown counts.
  const shown = (selector) => [...document.querySelectorAll(selector)].filter((element) => !element.closest("[hidden]"));
  const text = (selector) => shown(selector)[0]?.textContent ?? null;
  const record = (window.__firstRender = { loadingShown: [], changesAfterDomContentLoaded: [] });
  const statuses = () => shown(panels.split(", ").map((p) => p + ' [role="status"]').join(", ")).map((e) => e.textContent);
  new MutationObserver((mutations) => {
    for (const status of statuses()) if (/Loading/.test(status) && !record.loadingShown.includes(status)) record.loadingShown.push(status);
    if (!record.atDomContentLoaded) return;
    for (const mutation of mutations) {
      const target = mutation.target.nodeType === Node.ELEMENT_NODE ? mutation.target : mutation.target.parentElement;
      if (target?.closest(panels) && !target.closest("[hidden]")) record.changesAfterDomContentLoaded.push(mutation.type + " in " + target.outerHTML.slice(0, 120));
    }
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  document.addEventListener("DOMContentLoaded", () => {
    record.atDomContentLoaded = {
      userId: text('section[aria-labelledby="profile-heading"] [data-field="id"]'),
      firstName: text('section[aria-labelledby="profile-heading"] [data-field="first_name"]'),
      email: text('section[aria-labelledby="profile-heading"] [data-field="email_address"]'),
      adminValue: text('[data-field="admin_value"]'),
      roleNeeded: document.querySelector('[data-state="role-needed"]') !== null,
      statuses: statuses(),
    };
  });
})();`;

export const firstRender = (page: Page) => page.evaluate(() => (window as unknown as { __firstRender: FirstRender }).__firstRender);
