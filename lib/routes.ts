// The app's own sign-in and sign-up pages. Passed to Clerk explicitly so that redirects stay in the
// app even where NEXT_PUBLIC_CLERK_SIGN_IN_URL / _SIGN_UP_URL are not set.
export const SIGN_IN_PATH = "/sign-in";
export const SIGN_UP_PATH = "/sign-up";
export const DASHBOARD_PATH = "/dashboard";
