// Passed to Clerk explicitly so redirects stay in the app without NEXT_PUBLIC_CLERK_SIGN_*_URL.
export const SIGN_IN_PATH = "/sign-in";
export const SIGN_UP_PATH = "/sign-up";
export const DASHBOARD_PATH = "/dashboard";
/**
 * The dashboard without its server-rendered data (`?data=client`): the panels fetch everything in the
 * browser. The path `npm run bench` compares the first render with (docs/performance.md#time-to-data).
 */
export const CLIENT_ONLY_QUERY = { name: "data", value: "client" } as const;
export const CLIENT_ONLY_DASHBOARD_PATH = `${DASHBOARD_PATH}?${CLIENT_ONLY_QUERY.name}=${CLIENT_ONLY_QUERY.value}`;
