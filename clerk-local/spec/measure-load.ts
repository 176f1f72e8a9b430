// Prints how long reading the specs and the first validations take: `npx tsx clerk-local/spec/measure-load.ts`.
import { contractFor } from "./contract";
import { bapiUser } from "./fixtures";

function timed(label: string, run: () => unknown) {
  const start = performance.now();
  run();
  console.log(`${label}: ${(performance.now() - start).toFixed(0)} ms`);
}

const json = "application/json";
timed("BAPI spec load", () => contractFor("bapi").totalOperations());
timed("BAPI first validation (GetUser 200)", () =>
  contractFor("bapi").validateResponse({ method: "GET", path: "/v1/users/u", status: 200, contentType: json, body: bapiUser() }),
);
timed("BAPI second validation (GetUser 200)", () =>
  contractFor("bapi").validateResponse({ method: "GET", path: "/v1/users/u", status: 200, contentType: json, body: bapiUser() }),
);
timed("FAPI spec load", () => contractFor("fapi").totalOperations());
timed("FAPI first validation (getClient 200)", () =>
  contractFor("fapi").validateResponse({ method: "GET", path: "/v1/client", status: 200, contentType: json, body: { response: null, client: null } }),
);
timed("FAPI first validation (getEnvironment 200)", () =>
  contractFor("fapi").validateResponse({ method: "GET", path: "/v1/environment", status: 200, contentType: json, body: {} }),
);
