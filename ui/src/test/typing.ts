// Typing into a form the way a person does, for the component tests.
import { screen } from '@testing-library/svelte';
import type { UserEvent } from '@testing-library/user-event';

/** Empties each field (found by its data-testid) and types its new text, in the order given. */
export async function retype(user: UserEvent, texts: Record<string, string>): Promise<void> {
  for (const [testid, text] of Object.entries(texts)) {
    const field = screen.getByTestId(testid);
    await user.clear(field);
    await user.type(field, text);
  }
}
