// A test run can have every local Clerk it creates checked against Clerk's specs, including the ones its
// tests build with a config of their own: clerk-local's Vitest setup installs one recorder per test file.
import type { ContractRecorder } from "./recorder";

let runRecorder: ContractRecorder | null = null;

export function checkEveryLocalClerk(recorder: ContractRecorder | null): void {
  runRecorder = recorder;
}

export function runContractRecorder(): ContractRecorder | null {
  return runRecorder;
}
