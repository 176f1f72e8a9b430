// A tiny HTTP receiver for webhook deliveries, and a poll for conditions the tests wait on.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = { headers: Record<string, string>; body: string; request: Request };

export type Receiver = {
  url: string;
  received: ReceivedRequest[];
  close: () => Promise<void>;
};

/** Answers each POST with `answer(request)`'s status; records every request as a web `Request` too. */
export async function startReceiver(answer: (received: ReceivedRequest, index: number) => number | Promise<number>): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(
        Object.entries(req.headers).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : [])),
      );
      const request = new Request(`http://receiver${req.url ?? "/"}`, { method: req.method, headers, body });
      const entry = { headers, body, request };
      received.push(entry);
      void Promise.resolve(answer(entry, received.length - 1)).then((status) => {
        res.writeHead(status, { "Content-Type": "text/plain" });
        res.end(String(status));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/clerk`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Polls `check` until it returns true or the time is up. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for a condition");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
