import { describe, expect, it } from 'vitest';
import { createRawSnippet } from 'svelte';
import { render, screen } from '@testing-library/svelte';
import Field, { type ControlAttrs } from '../Field.svelte';
import MoneyInput from '../MoneyInput.svelte';

/** A text field that takes what the Field hands it. */
const control = createRawSnippet((attrs: () => ControlAttrs) => ({
  render: () => '<input />',
  setup: (input) => {
    const a = attrs();
    input.id = a.id;
    if (a.invalid) input.setAttribute('aria-invalid', a.invalid);
    if (a.describedby) input.setAttribute('aria-describedby', a.describedby);
  },
}));

describe('Field', () => {
  it('labels its control, saying "optional" or marking it required', () => {
    const { container, unmount } = render(Field, { id: 'f-name', label: 'Name', optional: true, control });
    expect(screen.getByLabelText(/Name/)).toBe(container.querySelector('#f-name'));
    expect(container.querySelector('label')).toHaveTextContent(/^Name optional$/);
    unmount();
    const required = render(Field, { id: 'f-name', label: 'Name', required: true, control });
    expect(required.container.querySelector('label')?.textContent).toBe('Name *');
    expect(required.container.querySelector('.req')).toHaveAttribute('aria-hidden', 'true');
  });

  it('describes the control by its hint, and by its error once there is one', () => {
    const props = { id: 'f-port', label: 'Port', field: 'port', hint: 'From 1 to 65535.', control };
    const quiet = render(Field, props);
    const input = quiet.container.querySelector('#f-port')!;
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(input).toHaveAttribute('aria-describedby', 'f-port-hint');
    expect(quiet.container.querySelector('.field-error')).toBeNull();
    quiet.unmount();

    const { container } = render(Field, { ...props, error: 'Not a port.' });
    const error = container.querySelector('.field-error');
    expect(error).toHaveTextContent('Not a port.');
    expect(error).toHaveAttribute('id', 'f-port-error');
    expect(error).toHaveAttribute('data-field', 'port');
    // The error comes before the hint, and both describe the field.
    expect(Array.from(container.querySelectorAll('p')).map((p) => p.id)).toEqual(['f-port-error', 'f-port-hint']);
    expect(container.querySelector('#f-port')).toHaveAttribute('aria-invalid', 'true');
    expect(container.querySelector('#f-port')).toHaveAttribute('aria-describedby', 'f-port-error f-port-hint');
  });
});

describe('MoneyInput', () => {
  it('is a decimal text field with a "$" before it', () => {
    const { container } = render(MoneyInput, {
      id: 'amount',
      testid: 'amount',
      placeholder: 'e.g. 50',
      class: 'small',
      invalid: 'true',
      describedby: 'amount-error',
    });
    const input = screen.getByTestId('amount');
    expect(input).toHaveAttribute('inputmode', 'decimal');
    expect(input).toHaveClass('mono', 'small');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAttribute('aria-describedby', 'amount-error');
    const prefix = container.querySelector('.affix .prefix');
    expect(prefix).toHaveTextContent('$');
    expect(prefix).toHaveAttribute('aria-hidden', 'true');
  });
});
