import { describe, expect, it } from "vitest";
import { formatDuration, headline, messageText } from "../src/index.js";

describe("deployment summary text", () => {
  it("formats durations", () => {
    expect(formatDuration(42)).toBe("42s");
    expect(formatDuration(245)).toBe("4m 5s");
    expect(formatDuration(7380)).toBe("2h 3m");
    expect(formatDuration(-3)).toBe("0s");
  });

  it("builds the headline with the Octopus tenant when given", () => {
    const facts = {
      project: "Checkout",
      release: "1.4.2",
      environment: "Production",
      outcome: "failed",
    } as const;
    expect(headline(facts)).toBe("Deployment of Checkout 1.4.2 to Production failed");
    expect(headline({ ...facts, octopusTenant: "Acme Retail" })).toBe(
      "Deployment of Checkout 1.4.2 to Production for Acme Retail failed",
    );
  });

  it("builds the message with duration, summary and link", () => {
    expect(
      messageText({
        project: "Checkout",
        release: "1.4.2",
        environment: "Production",
        outcome: "success",
        durationSeconds: 125,
        summary: "All 7 steps succeeded.",
        link: "https://octopus.example.com/app#/Spaces-1/tasks/ServerTasks-1234",
      }),
    ).toBe(
      ":white_check_mark: *Deployment of Checkout 1.4.2 to Production succeeded* (2m 5s)\n" +
        "All 7 steps succeeded.\n" +
        "<https://octopus.example.com/app#/Spaces-1/tasks/ServerTasks-1234|Open in Octopus>",
    );
  });
});
