// Vitest setup of the package's tests: every response a local Clerk gives in a test file must keep
// Clerk's published contract (or a recorded erratum), checked once the file's tests have run.
import { afterAll, expect } from "vitest";
import { checkEveryServerWith, createContractRecorder } from "../spec/recorder";

const recorder = createContractRecorder();
checkEveryServerWith(recorder);

afterAll(() => {
  const { violations } = recorder.report();
  expect(violations.map((violation) => violation.text), "responses that break Clerk's OpenAPI specs").toEqual([]);
});
