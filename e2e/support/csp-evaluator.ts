// Google's CSP Evaluator (the csp_evaluator package), as its web page runs it: the policy as a CSP3
// browser applies it, its default checks plus its strict-CSP checks.
import { CspEvaluator, DEFAULT_CHECKS, STRICTCSP_CHECKS } from "csp_evaluator/dist/evaluator.js";
import { Severity, type Finding } from "csp_evaluator/dist/finding.js";
import { CspParser } from "csp_evaluator/dist/parser.js";

export function evaluateCsp(policy: string): Finding[] {
  return new CspEvaluator(new CspParser(policy).csp).evaluate(STRICTCSP_CHECKS, DEFAULT_CHECKS);
}

/** Medium or worse; the enum ranks lower as worse, and "possibly high" is counted too. */
export function seriousFindings(policy: string): string[] {
  return evaluateCsp(policy)
    .filter((finding) => finding.severity <= Severity.HIGH_MAYBE)
    .map((finding) => `${Severity[finding.severity]} ${finding.directive} ${finding.value ?? ""}: ${finding.description}`);
}
