import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { installUnknownMethodGuard, unknownMethodAnswer } from "@/lib/unknown-methods";

describe("unknownMethodAnswer", () => {
  it("is the 405 envelope with the route's Allow on an API path, private like every API answer", () => {
    const answer = unknownMethodAnswer("/api/webhooks/clerk");

    expect(answer.status).toBe(405);
    expect(answer.headers).toMatchObject({ Allow: "OPTIONS, POST", "Content-Type": "application/json", "Cache-Control": "private, no-store" });
    expect(JSON.parse(answer.body)).toEqual({ code: "method_not_allowed", message: "This API path does not support the request's method.", details: null });
  });

  it("is the 404 envelope where no API route is, and a plain 405 on a page", () => {
    expect(unknownMethodAnswer("/api/none").status).toBe(404);
    expect(unknownMethodAnswer("/dashboard")).toEqual({
      status: 405,
      headers: { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" },
      body: "Method Not Allowed\n",
    });
  });
});

// A real Node server standing in for Next's: what the guard does not answer reaches its handler.
describe("installUnknownMethodGuard", () => {
  let server: http.Server;
  let port: number;
  let uninstall: () => void;
  let handled: string[];

  beforeAll(async () => {
    uninstall = installUnknownMethodGuard({ production: true });
    handled = [];
    server = http.createServer((request, response) => {
      handled.push(`${request.method} ${request.url}`);
      response.end("from the app");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    uninstall();
    await new Promise((resolve) => server.close(resolve));
  });

  function send(method: string, path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port, method, path, agent: false });
      request.on("response", (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      });
      // Node's client hands a CONNECT answer to `connect`, whatever its status.
      request.on("connect", (response, socket, head: Buffer) => {
        let body = head.toString();
        socket.on("data", (chunk: Buffer) => (body += chunk.toString()));
        socket.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      });
      request.on("error", reject);
      request.end();
    });
  }

  it("answers TRACE itself: the envelope on an API path, plain text on a page, security headers on both", async () => {
    const api = await send("TRACE", "/api/me?x=1");
    expect(api.status).toBe(405);
    expect(api.headers.allow).toBe("GET, HEAD, OPTIONS");
    expect(JSON.parse(api.body)).toMatchObject({ code: "method_not_allowed" });

    const page = await send("TRACE", "/");
    expect(page.status).toBe(405);
    expect(page.body).toBe("Method Not Allowed\n");
    for (const answer of [api, page]) {
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(answer.headers["x-frame-options"]).toBe("DENY");
      expect(answer.headers["strict-transport-security"]).toBe("max-age=63072000");
    }
    expect(handled).toEqual([]);
  });

  it("answers CONNECT, which Node would otherwise drop without a word", async () => {
    const connect = await send("CONNECT", "example.com:443");

    expect(connect.status).toBe(405);
    expect(connect.headers.allow).toBe("GET, HEAD");
    expect(connect.body).toBe("Method Not Allowed\n");
  });

  it("leaves every other method to the app", async () => {
    for (const method of ["GET", "POST", "PROPFIND"]) expect((await send(method, "/x")).body).toBe("from the app");
    expect(handled).toEqual(["GET /x", "POST /x", "PROPFIND /x"]);
  });

  it("is undone by its undo, and installs once", () => {
    expect(installUnknownMethodGuard({ production: true })).toBe(uninstall);
  });
});

describe("without the guard", () => {
  it("Node drops a CONNECT nobody listens for: the reason the guard answers it", async () => {
    const server = http.createServer((_request, response) => response.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const received = await new Promise<string>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => socket.write("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"));
      let data = "";
      socket.on("data", (chunk: Buffer) => (data += chunk.toString()));
      socket.on("close", () => resolve(data));
    });
    await new Promise((resolve) => server.close(resolve));

    expect(received).toBe("");
  });
});
