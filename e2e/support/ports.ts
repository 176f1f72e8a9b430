// Ports of the app and the local Clerk under test: not 3000/4010, so a running `npm run dev` is untouched.
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const E2E_CLERK_PORT = Number(process.env.E2E_CLERK_PORT ?? 4110);
export const E2E_BASE_URL = `http://localhost:${E2E_APP_PORT}`;
export const E2E_CLERK_URL = `http://127.0.0.1:${E2E_CLERK_PORT}`;
