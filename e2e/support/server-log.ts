// What the app server printed while a spec ran. playwright.config.ts tees the server's output (the app
// and the local Clerk beside it) into APP_SERVER_LOG; a spec marks the log's end before it acts and
// reads only what was added after.
import { existsSync, readFileSync, statSync } from "node:fs";
import { stripVTControlCharacters } from "node:util";

export const APP_SERVER_LOG = "e2e/.logs/app-server.log";

/** A stack frame as Node prints it: "    at fn (/path/file.js:1:23)" or "    at /path/file.js:1:23". */
const STACK_FRAME = /^\s*at\s.*:\d+:\d+\)?\s*$/;

export type ServerLogWindow = {
  /** Everything the server printed since the mark. */
  text: () => string;
  /** The stack-frame lines among them: the server let an error's internals out. */
  stackFrames: () => string[];
};

export function markServerLog(): ServerLogWindow {
  if (!existsSync(APP_SERVER_LOG)) {
    throw new Error(
      `No server log at ${APP_SERVER_LOG}: this spec reads the output of the server the suite starts itself. ` +
        "Stop any server already on the e2e port and run the suite again.",
    );
  }
  const start = statSync(APP_SERVER_LOG).size;
  // Without colour codes: the server's console may colour what it prints.
  const text = () => stripVTControlCharacters(readFileSync(APP_SERVER_LOG).subarray(start).toString("utf8"));
  return { text, stackFrames: () => text().split("\n").filter((line) => STACK_FRAME.test(line)) };
}
