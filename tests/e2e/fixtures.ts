// Every end-to-end test runs under the pages' Content-Security-Policy and fails on any violation:
// each browser context reports `securitypolicyviolation` events and the console's CSP errors,
// whichever page or tab they come from, and the test ends by expecting none.
import { type BrowserContext, test as base } from "@playwright/test";

export { expect, type Page } from "@playwright/test";

const CSP_ERROR = /Content Security Policy|Refused to (execute|load|apply|connect|frame|evaluate)/i;

async function watchPolicy(context: BrowserContext, violations: string[]): Promise<void> {
  await context.exposeBinding("__reportPolicyViolation", ({ page }, text: string) => {
    violations.push(`${page.url()}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportPolicyViolation?: (text: string) => void })
        .__reportPolicyViolation;
      report?.(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline code"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  context.on("console", (message) => {
    if (CSP_ERROR.test(message.text())) violations.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
  });
}

export const test = base.extend<{ policyWatch: string[] }>({
  policyWatch: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      await watchPolicy(context, violations);
      // Contexts a test opens itself (two people, two instances) are watched too.
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const opened = await newContext(...args);
        await watchPolicy(opened, violations);
        return opened;
      };
      try {
        await use(violations);
      } finally {
        browser.newContext = newContext;
      }
      base.expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});
