// Passed to Clerk explicitly so redirects stay in the app without NEXT_PUBLIC_CLERK_SIGN_*_URL.
export const SIGN_IN_PATH = "/sign-in";
export const SIGN_UP_PATH = "/sign-up";
export const DASHBOARD_PATH = "/dashboard";
