/**
 * Told after something time-related changed (a tool's edit, a merge of two users, an imported
 * calendar), so reminders follow. The scheduler implements it; everything that changes items
 * receives it injected. It lives in core because both sides of that seam (tools, linking and
 * calendar on one, the scheduler on the other) must see it without importing each other.
 */
export interface ChangeHooks {
  todoChanged(id: number): Promise<void> | void;
  /** A todo was completed: its reminder is cancelled, or a repeating todo moves to its next time. */
  todoCompleted(id: number): Promise<void> | void;
  eventChanged(id: number): Promise<void> | void;
  reminderChanged(id: number): Promise<void> | void;
  settingsChanged(userId: number): Promise<void> | void;
}

/** Hooks that do nothing: used when no scheduler runs (classify, tests of tools alone). */
export const noChangeHooks: ChangeHooks = {
  todoChanged() {}, todoCompleted() {}, eventChanged() {}, reminderChanged() {}, settingsChanged() {},
};
