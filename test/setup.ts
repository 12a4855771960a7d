// Every test runs in UTC: loaders and reports format times, and a test must not depend on the
// machine's zone. scripts/test.mjs sets TZ too; this guards a bare `npx mocha`.
process.env.TZ = "UTC";
