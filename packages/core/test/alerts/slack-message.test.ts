import { describe, expect, it } from "vitest";
import { type SlackBlock, SlackLimit, slackMessage } from "../../src/alerts/slack-message.ts";
import { failedDetail, failedNode } from "../resume/fixtures.ts";
import { failure, recovered, resumeFailed, wideFailure } from "./fixtures.ts";

function sectionTexts(blocks: SlackBlock[]): string[] {
  return blocks.flatMap((block) => (block.type === "section" && block.text ? [block.text.text] : []));
}

describe("slackMessage", () => {
  it("names the workflow, run, outcome, failed nodes, duration, decision and links", () => {
    // Act
    const payload = slackMessage(failure());

    // Assess
    const [header, summary, nodes, resume, context, actions] = payload.blocks;
    expect(header).toEqual({
      type: "header",
      text: { type: "plain_text", text: "🚨 Glue workflow FAILED: nightly", emoji: true },
    });
    expect(summary).toEqual({
      type: "section",
      fields: [
        { type: "mrkdwn", text: "*Workflow*\nnightly" },
        { type: "mrkdwn", text: "*Run ID*\nwr_1" },
        { type: "mrkdwn", text: "*Outcome*\nFAILED (Glue status COMPLETED)" },
        { type: "mrkdwn", text: "*Duration*\n12m 5s" },
        { type: "mrkdwn", text: "*Failed actions*\n1 of 3" },
      ],
    });
    expect(nodes).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "*Failed nodes (1)*\n• *load* (job) — FAILED: ThrottlingException: Rate exceeded" },
    });
    expect(resume).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: "*Auto-resume:* resuming (attempt 1 of 2, in 120 s)\nEvery failed node (1) failed with a transient error; resume attempt 1 of 2 in 120 s.",
      },
    });
    expect(context).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "Started 2026-01-01T00:00:00.000Z · Completed 2026-01-01T00:12:05.000Z" }],
    });
    expect(actions).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "View run in tracker", emoji: true },
          url: "https://tracker.example.com/ui/workflows/nightly/runs/wr_1",
          action_id: "tracker-run",
        },
        {
          type: "button",
          text: { type: "plain_text", text: "Open in Glue console", emoji: true },
          url: "https://eu-west-1.console.aws.amazon.com/glue/home?region=eu-west-1#/v2/etl-configuration/workflows/run/nightly?runId=wr_1",
          action_id: "glue-console",
        },
      ],
    });
    expect(payload.text).toBe(
      "Glue workflow nightly run wr_1 FAILED. 1 failed node. Auto-resume: resuming (attempt 1 of 2, in 120 s).",
    );
  });

  it("escapes & < > in every text taken from the run", () => {
    // Prepare
    const alert = failure(
      failedDetail({
        workflowName: "a<b>&c",
        failedNodes: [failedNode({ Name: "<load>", ErrorMessage: "<script>alert(1)</script> & <!channel>" })],
      }),
    );

    // Act
    const payload = slackMessage(alert);

    // Assess
    const texts = [
      payload.text,
      ...payload.blocks.flatMap((block) => {
        if (block.type === "header") return [block.text.text];
        if (block.type === "section") return [block.text?.text ?? "", ...(block.fields ?? []).map((f) => f.text)];
        if (block.type === "context") return block.elements.map((element) => element.text);
        return block.elements.map((element) => element.text.text);
      }),
    ];
    for (const text of texts) expect(text).not.toMatch(/<|>|&(?!amp;|lt;|gt;)/);
    expect(sectionTexts(payload.blocks)).toContain(
      "*Failed nodes (1)*\n• *&lt;load&gt;* (job) — FAILED: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!channel&gt;",
    );
    expect(payload.blocks[0]).toMatchObject({ text: { text: "🚨 Glue workflow FAILED: a&lt;b&gt;&amp;c" } });
  });

  it("cuts a 30-node failure to 3000 characters and says how many nodes were left out", () => {
    // Act
    const payload = slackMessage(wideFailure(30));

    // Assess
    const nodes = sectionTexts(payload.blocks).find((text) => text.startsWith("*Failed nodes (30)*")) ?? "";
    const listed = nodes.split("\n").filter((line) => line.startsWith("• "));
    expect(nodes.length).toBeLessThanOrEqual(SlackLimit.sectionText);
    expect(listed.length).toBeGreaterThan(5);
    expect(nodes.split("\n").at(-1)).toBe(`… and ${30 - listed.length} more failed nodes`);
  });

  it("keeps the header within 150 characters for a long workflow name", () => {
    // Act
    const payload = slackMessage(failure(failedDetail({ workflowName: "w&".repeat(127) })));

    // Assess
    const header = payload.blocks[0];
    expect(header?.type === "header" && header.text.text.length).toBeLessThanOrEqual(150);
    expect(header?.type === "header" && header.text.text.endsWith("…")).toBe(true);
    expect(header?.type === "header" && header.text.text).not.toMatch(/&(?!amp;)/);
  });

  it("says why a run is not resumed", () => {
    // Act
    const payload = slackMessage(
      failure(failedDetail({ failedNodes: [failedNode({ ErrorMessage: "Table not found" })] })),
    );

    // Assess
    expect(sectionTexts(payload.blocks)).toContain(
      '*Auto-resume:* not resumed (the failure is not transient)\nload failed with an error that is not transient: "Table not found"',
    );
  });

  it("leaves the tracker link out when no base URL is configured", () => {
    // Prepare
    const alert = { ...failure(), links: { glueConsole: "https://console.example/run" } };

    // Act
    const payload = slackMessage(alert);

    // Assess
    const actions = payload.blocks.at(-1);
    expect(actions?.type === "actions" && actions.elements.map((button) => button.action_id)).toEqual(["glue-console"]);
  });

  it("renders a recovered lineage", () => {
    // Act
    const payload = slackMessage(recovered());

    // Assess
    expect(payload.blocks[0]).toMatchObject({ text: { text: "✅ Glue workflow recovered: nightly" } });
    expect(sectionTexts(payload.blocks)).toContain("Recovered after 1 auto-resume attempt(s): resumed from run wr_1.");
    expect(payload.text).toBe("Glue workflow nightly recovered: run wr_2 SUCCEEDED after auto-resume.");
  });

  it("says when Glue refused the auto-resume a failure alert announced", () => {
    // Act
    const payload = slackMessage(resumeFailed());

    // Assess
    expect(payload.blocks[0]).toMatchObject({ text: { text: "⚠️ Auto-resume failed: nightly" } });
    const sections = sectionTexts(payload.blocks).join("\n");
    expect(sections).toContain("*Auto-resume:* resume failed (Glue refused it)");
    expect(sections).toContain("EntityNotFoundException: Workflow run wr_1 not found");
    expect(sections).toContain("*load* (job)");
    expect(payload.text).toMatch(/^Auto-resume of Glue workflow nightly run wr_1 failed: Attempt 1: Glue refused/);
  });
});
