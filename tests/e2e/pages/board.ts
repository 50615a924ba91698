// The board page as a person uses it: by role and accessible name (README, "Using a board"), never by CSS.
import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, type Locator, type Page } from "@playwright/test";

export const URL_A = process.env.E2E_URL_A as string;
export const URL_B = process.env.E2E_URL_B as string;

/** Creates a board through the API and answers its id and view token. */
export async function createBoard(request: APIRequestContext, title: string, base = URL_A) {
  const response = await request.post(`${base}/api/boards`, { data: { title } });
  expect(response.status()).toBe(201);
  return (await response.json()) as { boardId: string; viewToken: string };
}

/** Runs commands through the API (another person's changes). */
export async function runCommands(request: APIRequestContext, boardId: string, commands: object[], base = URL_A) {
  const response = await request.post(`${base}/api/boards/${boardId}/commands`, {
    data: { commands: commands.map((command) => ({ commandId: randomUUID(), ...command })) },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as { results: { status: string }[] };
}

export const newId = () => `e2e-${randomUUID()}`;

const UNDO_SAID = /^(Undone: |Redone: |Couldn’t (undo|redo) )/;
const UNDO_OR_FILTER = /^(Showing |Undone: |Redone: |Couldn’t (undo|redo) )/;

export class BoardPage {
  constructor(readonly page: Page) {}

  async open(base: string, boardId: string) {
    await this.page.goto(`${base}/b/${boardId}`);
    await expect(this.status).toHaveText(/Live/);
  }

  /**
   * The connection's status line (a filter adds a status of its own, "Showing N of M items", and
   * undo one that says what it did).
   */
  get status(): Locator {
    return this.page.getByRole("status").filter({ hasNotText: UNDO_OR_FILTER });
  }

  /** What the last undo or redo did, or why it was skipped. */
  get undone(): Locator {
    return this.page.getByRole("status").filter({ hasText: UNDO_SAID });
  }

  /** The filter's status: how many items it shows. */
  get shown(): Locator {
    return this.page.getByRole("status").filter({ hasText: /^Showing / });
  }

  /** The board's alert region (Next.js adds a route announcer that is an alert too). */
  get alert(): Locator {
    return this.page.getByRole("alert", { name: "Notices" });
  }

  column(title: string): Locator {
    return this.page.getByRole("region", { name: title, exact: true });
  }

  item(column: string, title: string): Locator {
    return this.column(column).getByRole("listitem").filter({ hasText: title });
  }

  /** Item titles of a column, in display order. */
  async titles(column: string): Promise<string[]> {
    const names = await this.column(column)
      .getByRole("checkbox")
      .evaluateAll((boxes) => boxes.map((box) => box.getAttribute("aria-label") ?? ""));
    return names.map((name) => name.replace(/^Complete /, ""));
  }

  async addColumn(title: string) {
    await this.page.getByRole("textbox", { name: "New column" }).fill(title);
    await this.page.getByRole("button", { name: "Add column" }).click();
    await expect(this.column(title)).toBeVisible();
  }

  async addItem(column: string, title: string) {
    await this.column(column).getByRole("textbox", { name: "New item" }).fill(title);
    await this.column(column).getByRole("button", { name: "Add item" }).click();
    await expect(this.item(column, title)).toBeVisible();
  }

  checkbox(title: string): Locator {
    return this.page.getByRole("checkbox", { name: `Complete ${title}`, exact: true });
  }

  /**
   * Picks an item up by keyboard (Space on its Move button) and waits until it is said. dnd-kit
   * listens for the arrow keys one timer turn after the pick-up, and Chrome runs input before
   * timers: a key pressed sooner than a person could would be lost, so wait out that turn too.
   */
  async pickUp(title: string) {
    await this.page.getByRole("button", { name: `Move ${title}`, exact: true }).focus();
    await this.page.keyboard.press("Space");
    await expect(this.page.getByText(`Picked up “${title}”`)).toBeAttached();
    await this.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  }

  /** Waits until this device has nothing left to send. */
  async settled() {
    await expect(this.status).toHaveText("Live");
  }
}
