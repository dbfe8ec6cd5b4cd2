/** The digest's hour and time zone from configuration (DIGEST_HOUR, DIGEST_TIME_ZONE). */
import { ConfigName, type Env } from "../../config.ts";
import { checkConfig } from "../../config-schema.ts";
import { DEFAULT_DIGEST_SCHEDULE, type DigestSchedule } from "./period.ts";

/**
 * @example
 * digestScheduleFromEnv({ DIGEST_TIME_ZONE: "Europe/Paris", DIGEST_HOUR: "7" }); // { timeZone: "Europe/Paris", hour: 7 }
 */
export function digestScheduleFromEnv(env: Env): DigestSchedule {
  const config = checkConfig(env, { only: [ConfigName.DigestTimeZone, ConfigName.DigestHour] });
  return {
    timeZone: config[ConfigName.DigestTimeZone] ?? DEFAULT_DIGEST_SCHEDULE.timeZone,
    hour: config[ConfigName.DigestHour] ?? DEFAULT_DIGEST_SCHEDULE.hour,
  };
}
