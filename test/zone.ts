/**
 * Runs `fn` with the process's time zone set to `tz` and then back to the run's own (UTC, from
 * test/setup.ts). Node applies a change of `process.env.TZ` at once. Every test runs in UTC, so
 * a test of "UTC whatever the machine's zone" needs this to see another zone at all; the helper
 * checks that a zone other than "UTC" took effect, so such a test cannot pass by running in UTC.
 */
export function inZone<T>(tz: string, fn: () => T): T {
  const before = process.env.TZ ?? "UTC";
  process.env.TZ = tz;
  try {
    // 2024-06-01 12:00 UTC: every zone named here is off UTC then.
    const offset = new Date(Date.UTC(2024, 5, 1, 12)).getTimezoneOffset();
    if (tz !== "UTC" && offset === 0) throw new Error(`inZone(${tz}): the zone did not take effect (offset 0)`);
    return fn();
  } finally {
    process.env.TZ = before;
  }
}

/** Zones on both sides of UTC, one with a half-hour offset. */
export const OTHER_ZONES = ["Asia/Kolkata", "America/Los_Angeles", "Pacific/Kiritimati"];
