import { LocalConfigName } from "@glue-run-tracker/core";
import { GlueLocalEnv } from "glue-local";
import { describe, expect, it } from "vitest";
import { PortSetting } from "../../packages/local/src/ports.ts";

describe("the local configuration names", () => {
  it("are the ones glue-local and the runtime read (one source, no drift)", () => {
    expect(Object.values(GlueLocalEnv).sort()).toEqual(
      Object.values(LocalConfigName)
        .filter((name) => name.startsWith("GLUE_LOCAL_"))
        .sort(),
    );
    expect(Object.values(PortSetting).map((setting) => setting.variable)).toEqual([
      LocalConfigName.ApiPort,
      LocalConfigName.GluePort,
      LocalConfigName.DynamoDbPort,
      LocalConfigName.EventsPort,
      LocalConfigName.GlueMemberPort,
      LocalConfigName.StsPort,
    ]);
  });
});
