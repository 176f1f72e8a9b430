#!/usr/bin/env node
// The `clerk-local` command: the package is TypeScript, run through tsx's loader without a build step.
import { register } from "tsx/esm/api";

register();
await import("../cli.ts");
