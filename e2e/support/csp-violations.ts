// Every Content-Security-Policy violation a page reports, recorded through the browser's own
// `securitypolicyviolation` event from the document's first script on.
import type { Browser, BrowserContext } from "@playwright/test";

export type CspViolation = { directive: string; blocked: string; source: string; sample: string; page: string };

const BINDING = "__recordCspViolation";

export async function recordCspViolations(context: BrowserContext, sink: CspViolation[]): Promise<void> {
  await context.exposeBinding(BINDING, ({ page }, violation: Omit<CspViolation, "page">) => {
    sink.push({ ...violation, page: page.url() });
  });
  await context.addInitScript((binding) => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const record = (window as unknown as Record<string, (violation: unknown) => Promise<void>>)[binding];
      void record?.({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
        sample: event.sample,
      });
    });
  }, BINDING);
}

/** Records the contexts a test opens itself too (a second browser), until the returned undo runs. */
export function recordNewContexts(browser: Browser, sink: CspViolation[]): () => void {
  const newContext = browser.newContext;
  browser.newContext = async (...args) => {
    const context = await newContext.apply(browser, args);
    await recordCspViolations(context, sink);
    return context;
  };
  return () => {
    browser.newContext = newContext;
  };
}
