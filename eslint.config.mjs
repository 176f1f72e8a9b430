import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", ".next-*/**", ".vercel/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**"],
  },
  {
    // Client-only Clerk hooks and components come through lib/clerk-react.ts: importing them from
    // @clerk/nextjs puts the Pages Router into the page's JavaScript (see that file).
    files: ["app/**", "lib/**", "proxy.ts", "instrumentation*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@clerk/nextjs",
              importNames: ["useAuth", "useUser", "useClerk", "useSession", "UserButton"],
              message: "Import client-side Clerk hooks and components from @/lib/clerk-react.",
            },
          ],
          // What the app bundles leaves no trace for check:vercel to see, so the deployed code may not
          // import the local Clerk, the tests, the runners or their packages at all.
          patterns: [
            {
              group: ["clerk-local", "clerk-local/*", "**/clerk-local", "**/clerk-local/**", "**/e2e", "**/e2e/**", "**/scripts/**"],
              message: "Development and test code is never deployed (docs/security.md#the-local-clerk-is-never-deployed).",
            },
            {
              group: ["@clerk/clerk-js", "@clerk/ui", "@clerk/testing", "@clerk/testing/*", "@playwright/*", "playwright", "playwright-core", "hono", "hono/*", "@hono/*"],
              message: "A dev-only package: the local Clerk and the tests use it, the deployed app must not.",
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures take a `use` callback that the React hooks rule mistakes for a hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;
