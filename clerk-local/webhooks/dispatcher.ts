// Delivers webhook messages the way Clerk (through Svix) does: signed POSTs, retried with backoff on a
// non-2xx answer or a network error, a bounded number of times. Messages about one user go out in
// order (a failing one holds back the next); different users do not wait for each other. Nothing
// here may throw into the server: every failure ends up in the delivery record.
import { setTimeout as wait } from "node:timers/promises";
import { newId } from "../state/ids";
import { webhookHeaders } from "./signing";

export type WebhookSettings = { url: string | null; key: Buffer; retryDelaysMs: number[]; timeoutMs: number };

export type DeliveryRecord = {
  id: string;
  type: string;
  user_id: string;
  /** `dropped`: abandoned without a verdict (reset, shutdown, or the webhook URL was unset). */
  status: "pending" | "delivered" | "failed" | "dropped";
  attempts: number;
  last_response_status: number | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
};

type Message = { record: DeliveryRecord; body: string };
type Outcome = { ok: boolean; status: number | null; error: string | null };

const HISTORY_SIZE = 100;

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === "string") return cause.code;
  if (error.name === "TimeoutError") return "timed out";
  return typeof cause?.message === "string" ? cause.message : error.message;
}

export class WebhookDispatcher {
  private queues = new Map<string, Message[]>();
  private readonly history: DeliveryRecord[] = [];
  private readonly running = new Set<Promise<void>>();
  /** Aborted by `clear()` and `close()`: stops waits and in-flight requests of the messages it covers. */
  private lifetime = new AbortController();
  private closed = false;

  constructor(
    private readonly settings: () => WebhookSettings,
    private readonly log: (line: string) => void = (line) => console.warn(line),
  ) {}

  /** Queues one event for `userId`; null when no webhook URL is configured (nothing is sent then). */
  enqueue(type: string, userId: string, payload: unknown): DeliveryRecord | null {
    if (this.closed || !this.settings().url) return null;
    const record: DeliveryRecord = {
      id: newId("msg"),
      type,
      user_id: userId,
      status: "pending",
      attempts: 0,
      last_response_status: null,
      last_error: null,
      created_at: Date.now(),
      finished_at: null,
    };
    this.history.push(record);
    if (this.history.length > HISTORY_SIZE) this.history.shift();
    const message = { record, body: JSON.stringify(payload) };
    const queue = this.queues.get(userId);
    if (queue) {
      queue.push(message);
    } else {
      const fresh = [message];
      this.queues.set(userId, fresh);
      const run = this.drain(userId, fresh, this.lifetime.signal).finally(() => this.running.delete(run));
      this.running.add(run);
    }
    return record;
  }

  /** The latest deliveries, oldest first (copies). */
  recent(): DeliveryRecord[] {
    return this.history.map((record) => ({ ...record }));
  }

  get pending(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.length;
    return count;
  }

  /** Resolves once every queued message is delivered, failed or dropped. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Drops everything queued (reset): those messages are about a state that no longer exists. */
  clear(): void {
    this.lifetime.abort();
    this.lifetime = new AbortController();
    for (const queue of this.queues.values()) for (const message of queue) this.finish(message.record, "dropped");
    this.queues = new Map();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clear();
    await this.idle();
  }

  private async drain(userId: string, queue: Message[], signal: AbortSignal): Promise<void> {
    try {
      while (queue.length > 0 && !signal.aborted) {
        await this.deliver(queue[0]!, signal);
        queue.shift();
      }
    } catch (error) {
      this.log(`[clerk-local] webhook delivery stopped unexpectedly: ${describe(error)}`);
    } finally {
      if (this.queues.get(userId) === queue) this.queues.delete(userId);
    }
  }

  private async deliver(message: Message, signal: AbortSignal): Promise<void> {
    const { record } = message;
    const delays = [...this.settings().retryDelaysMs];
    for (let attempt = 0; ; attempt += 1) {
      const { url, key, timeoutMs } = this.settings();
      if (!url) return this.finish(record, "dropped", "no webhook URL configured");
      record.attempts += 1;
      const outcome = await this.attempt(url, key, message, timeoutMs, signal);
      if (signal.aborted) return this.finish(record, "dropped");
      record.last_response_status = outcome.status;
      record.last_error = outcome.error;
      if (outcome.ok) return this.finish(record, "delivered");
      const delay = delays[attempt];
      if (delay === undefined) {
        // One line per message given up on, however many attempts it took: no flood while the
        // receiving route does not exist yet.
        this.log(
          `[clerk-local] webhook ${record.type} (${record.id}) not delivered to ${url} after ${record.attempts} attempts: ${outcome.error}`,
        );
        return this.finish(record, "failed");
      }
      // Cut short by clear() and close(); the loop above then sees the aborted signal.
      await wait(delay, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return this.finish(record, "dropped");
    }
  }

  private async attempt(url: string, key: Buffer, message: Message, timeoutMs: number, signal: AbortSignal): Promise<Outcome> {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: webhookHeaders(key, message.record.id, message.body),
        body: message.body,
        // Svix does not follow redirects: a 3xx is a failed delivery.
        redirect: "manual",
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
      await response.body?.cancel().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return { ok, status: response.status, error: ok ? null : `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, status: null, error: describe(error) };
    }
  }

  private finish(record: DeliveryRecord, status: DeliveryRecord["status"], error?: string): void {
    if (record.status !== "pending") return;
    record.status = status;
    if (error) record.last_error = error;
    record.finished_at = Date.now();
  }
}
