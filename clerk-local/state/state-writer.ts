// Writes the users to the state file whenever they change: debounced, and atomically (a temp file
// renamed over the old one) so a crash mid-write never leaves half a file behind.
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { UserRecord as User } from "./records";
import { STATE_FORMAT, STATE_VERSION } from "./user-files";

const DEBOUNCE_MS = 100;

export function stateFileText(users: User[], now = Date.now()): string {
  return `${JSON.stringify({ format: STATE_FORMAT, version: STATE_VERSION, saved_at: new Date(now).toISOString(), users }, null, 2)}\n`;
}

export class StateWriter {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private failing = false;

  constructor(
    readonly file: string,
    private readonly snapshot: () => User[],
    private readonly log: (line: string) => void = (line) => console.warn(line),
  ) {}

  /** Asks for a write soon; many changes in a burst make one write. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, DEBOUNCE_MS);
  }

  /** Writes now (after any write in progress) and resolves when the file is in place. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const text = stateFileText(this.snapshot());
    this.writing = this.writing.then(() => this.write(text));
    return this.writing;
  }

  private async write(text: string): Promise<void> {
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, this.file);
      this.failing = false;
    } catch (error) {
      // One line per streak of failures, not one per change.
      if (!this.failing) this.log(`[clerk-local] could not write the state file ${this.file}: ${(error as Error).message}`);
      this.failing = true;
    }
  }
}
