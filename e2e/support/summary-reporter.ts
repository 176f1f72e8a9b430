// Prints one closing line CI tools can read ("e2e: N passed, N failed, N skipped") and the wall time.
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

export default class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, "passed" | "failed" | "skipped">();
  private started = Date.now();

  onBegin(): void {
    this.started = Date.now();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    // The last attempt decides: a test that passed on retry counts as passed (and flaky in the list).
    if (result.status === "skipped") this.outcomes.set(test.id, "skipped");
    else this.outcomes.set(test.id, test.outcome() === "unexpected" ? "failed" : "passed");
  }

  onEnd(result: FullResult): void {
    const count = (outcome: string) => [...this.outcomes.values()].filter((o) => o === outcome).length;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    console.log(`\ne2e wall time: ${seconds} s (status ${result.status})`);
    console.log(`e2e: ${count("passed")} passed, ${count("failed")} failed, ${count("skipped")} skipped`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
