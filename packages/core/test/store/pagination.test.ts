import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { createTokenCodec, pageSize } from "../../src/store/pagination.ts";

describe("nextToken codec", () => {
  const tokens = createTokenCodec("secret");
  const lastKey = { pk: "WF#wf", sk: "RUN#wr_1", gsi1pk: "WF#wf", gsi1sk: "2026-11-01T08:00:00.000Z#wr_1" };

  it("round-trips the LastEvaluatedKey for the query it was issued for", () => {
    const token = tokens.encode(lastKey, "q1");
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(tokens.decode(token, "q1")).toEqual(lastKey);
  });

  it.each([
    [
      "a modified payload",
      (t: string) =>
        `${Buffer.from(JSON.stringify({ k: { pk: "x" }, q: "q1" })).toString("base64url")}.${t.split(".")[1]}`,
    ],
    ["a modified signature", (t: string) => `${t.slice(0, -3)}xyz`],
    ["a truncated token", (t: string) => t.slice(0, 10)],
    ["extra parts", (t: string) => `${t}.more`],
    ["not base64 at all", () => "!!!.???"],
    ["an empty token", () => ""],
  ])("refuses %s with InvalidInputError", (_case, tamper) => {
    const token = tamper(tokens.encode(lastKey, "q1"));
    expect(() => tokens.decode(token, "q1")).toThrow(InvalidInputError);
  });

  it("refuses a genuine token presented for another query, or signed with another secret", () => {
    const token = tokens.encode(lastKey, "q1");
    expect(() => tokens.decode(token, "q2")).toThrow(/another query/);
    expect(() => createTokenCodec("other").decode(token, "q1")).toThrow(InvalidInputError);
  });

  it("accepts a token signed with the previous key after a rotation, signs with the current one (issue 12, point 9)", () => {
    // Prepare: a token handed out before the rotation
    const before = createTokenCodec("key-1").encode(lastKey, "q1");

    // Act
    const rotated = createTokenCodec({ current: "key-2", previous: "key-1" });
    const after = rotated.encode(lastKey, "q1");

    // Assess
    expect(rotated.decode(before, "q1")).toEqual(lastKey);
    expect(createTokenCodec("key-2").decode(after, "q1")).toEqual(lastKey);
    expect(() => createTokenCodec({ current: "key-3", previous: "key-2" }).decode(before, "q1")).toThrow(
      InvalidInputError,
    );
  });

  it("maps to Glue's InvalidInputException", () => {
    try {
      tokens.decode("nope", "q1");
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: "InvalidInputError", code: "InvalidInputException" });
    }
  });
});

describe("pageSize", () => {
  it("defaults to 100 and accepts 1–1000", () => {
    expect(pageSize(undefined)).toBe(100);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(1000)).toBe(1000);
  });

  it.each([0, 1001, -5, 2.5, Number.NaN])("refuses %s", (value) => {
    expect(() => pageSize(value)).toThrow(InvalidInputError);
  });
});
