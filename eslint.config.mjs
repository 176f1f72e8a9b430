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
    files: ["app/**", "lib/**"],
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
