import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import PricesView from '../PricesView.svelte';
import type { ModelPrice } from '../../lib/bindings';
import { toasts } from '../../lib/toasts.svelte';
import { heldIPC, recordIPC, type Handler } from '../../test/fixtures';
import { resetAfterEach } from '../../test/views';

function price(model: string, over: Partial<ModelPrice> = {}): ModelPrice {
  return { model, provider: 'openai', input: '2.5', output: '10', cache_read: null, cache_write: null, source: 'litellm 1.110.2', ...over };
}

const GPT_4O = price('gpt-4o', { cache_read: '1.25' });
const MINE = price('house-model', { provider: 'other', input: '1', output: '2', cache_write: '0.0375', source: 'override' });
/** Enough models to go past the 200 rendered rows. */
const MANY = Array.from({ length: 250 }, (_, i) => price(`filler-${String(i).padStart(3, '0')}`, { provider: 'mistral' }));
const ALL = [...MANY, GPT_4O, price('gpt-4o-mini', { input: '0.15', output: '0.6' }), MINE];

function setup(handler: Handler = () => null, list: ModelPrice[] = ALL) {
  const calls = recordIPC((cmd, args) => (cmd === 'price_list' ? list : handler(cmd, args)));
  render(PricesView);
  const lists = () => calls.filter((c) => c.cmd === 'price_list').length;
  const field = (id: string) => document.getElementById(id) as HTMLInputElement;
  return { calls, lists, field };
}

const rows = () => screen.queryAllByTestId('price-row');
const rowOf = (model: string) => rows().find((r) => r.dataset.model === model)!;

resetAfterEach();

describe('PricesView', () => {
  it('renders at most 200 rows and says how many match', async () => {
    setup();
    await waitFor(() => expect(rows()).toHaveLength(200));
    expect(screen.getByTestId('prices-more')).toHaveTextContent('Showing 200 of 253 — refine the search');
    expect(screen.getByTestId('price-only-mine')).toHaveTextContent('Only my prices 1');
  });

  it('filters by model name as you type, case-insensitively', async () => {
    setup();
    await waitFor(() => expect(rows()).toHaveLength(200));
    await fireEvent.input(screen.getByTestId('price-search'), { target: { value: 'GPT-4O' } });
    expect(rows().map((r) => r.dataset.model)).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(screen.queryByTestId('prices-more')).toBeNull();
    const cells = within(rowOf('gpt-4o')).getAllByRole('cell').map((c) => c.textContent?.trim());
    expect(cells.slice(0, 6)).toEqual(['gpt-4o  LiteLLM 1.110.2', 'OpenAI', '$2.50', '$10.00', '$1.25', '= input']);
    expect(within(rowOf('gpt-4o')).queryByTestId('override-badge')).toBeNull();
    expect(within(rowOf('gpt-4o')).queryByTestId('price-unset')).toBeNull();
  });

  it('shows only the user\'s prices, with their badge', async () => {
    setup();
    await waitFor(() => expect(rows()).toHaveLength(200));
    const toggle = screen.getByTestId('price-only-mine');
    await fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(rows().map((r) => r.dataset.model)).toEqual(['house-model']);
    expect(within(rowOf('house-model')).getByTestId('override-badge')).toHaveTextContent('Your price');
    expect(rowOf('house-model')).toHaveTextContent('$0.0375');
  });

  it('offers to price a model that matches nothing, prefilled with its name', async () => {
    const { field } = setup();
    await waitFor(() => expect(rows()).toHaveLength(200));
    await fireEvent.input(screen.getByTestId('price-search'), { target: { value: ' xyz-9 ' } });
    const empty = screen.getByTestId('prices-empty');
    expect(empty).toHaveTextContent("No model matches 'xyz-9'");
    await fireEvent.click(within(empty).getByTestId('price-add-missing'));
    expect(field('price-model')).toHaveValue('xyz-9');
    // The model is known, so typing starts at the input price.
    await waitFor(() => expect(document.activeElement).toBe(field('price-input')));
  });

  it('validates the form inline and does not call price_set', async () => {
    const user = userEvent.setup();
    const { calls, field } = setup();
    await waitFor(() => expect(rows()).toHaveLength(200));
    await fireEvent.click(screen.getByTestId('price-add'));
    await waitFor(() => expect(document.activeElement).toBe(field('price-model')));
    await user.keyboard('{Enter}');
    const error = (name: string) => document.querySelector(`.field-error[data-field="${name}"]`);
    expect(error('model')).toHaveTextContent('Give the model name, e.g. gpt-4o.');
    expect(error('input')).toHaveTextContent(/per million tokens/);
    expect(error('output')).not.toBeNull();
    expect(error('cache_read')).toBeNull();
    expect(field('price-model')).toHaveAttribute('aria-invalid', 'true');
    expect(document.activeElement).toBe(field('price-model'));
    await user.type(field('price-input'), '-1');
    expect(error('input')).toHaveTextContent('A price cannot be negative.');
    await user.type(field('price-cache-read'), 'ten');
    await user.tab();
    expect(error('cache_read')).toHaveTextContent('e.g. 2.50');
    expect(calls.some((c) => c.cmd === 'price_set')).toBe(false);
  });

  it('submits with Enter, then toasts the re-pricing and reloads the list', async () => {
    const user = userEvent.setup();
    const { calls, lists, field } = setup((cmd) => (cmd === 'price_set' ? 12 : null));
    await waitFor(() => expect(rows()).toHaveLength(200));
    await fireEvent.click(screen.getByTestId('price-add'));
    await waitFor(() => expect(document.activeElement).toBe(field('price-model')));
    await user.keyboard(' my-model ');
    await user.selectOptions(document.getElementById('price-provider')!, 'anthropic');
    await user.type(field('price-input'), '$1');
    await user.type(field('price-output'), '2.50');
    await user.type(field('price-cache-write'), '0.1{Enter}');
    await waitFor(() => expect(screen.queryByTestId('price-dialog')).toBeNull());
    expect(calls.find((c) => c.cmd === 'price_set')?.args).toEqual({
      input: { model: 'my-model', provider: 'anthropic', input: '1', output: '2.50', cache_read: null, cache_write: '0.1' },
    });
    expect(toasts.items.map((t) => [t.text, t.tone])).toEqual([['Price of my-model set — 12 usage buckets re-priced', 'success']]);
    await waitFor(() => expect(lists()).toBe(2));
  });

  it('edits a row with its current values prefilled', async () => {
    const { calls, field } = setup((cmd) => (cmd === 'price_set' ? 1 : null));
    await fireEvent.input(await screen.findByTestId('price-search'), { target: { value: 'gpt-4o' } });
    await waitFor(() => expect(rows()).toHaveLength(2));
    await fireEvent.click(within(rowOf('gpt-4o')).getByTestId('price-edit'));
    expect(field('price-model')).toHaveValue('gpt-4o');
    expect(document.getElementById('price-provider')).toHaveValue('openai');
    expect(field('price-input')).toHaveValue('2.5');
    expect(field('price-cache-read')).toHaveValue('1.25');
    expect(field('price-cache-write')).toHaveValue('');
    await fireEvent.input(field('price-output'), { target: { value: '8' } });
    await fireEvent.click(screen.getByTestId('price-submit'));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === 'price_set')?.args).toEqual({
        input: { model: 'gpt-4o', provider: 'openai', input: '2.5', output: '8', cache_read: '1.25', cache_write: null },
      }),
    );
    await waitFor(() => expect(toasts.items.map((t) => t.text)).toEqual(['Price of gpt-4o set — 1 usage bucket re-priced']));
  });

  it('shows a server rejection in the form and keeps it open', async () => {
    const { field } = setup((cmd) => {
      if (cmd === 'price_set') throw { code: 'invalid_input', message: "'99999999999999999999999999999' is not a price" };
      return null;
    });
    await waitFor(() => expect(rows()).toHaveLength(200));
    await fireEvent.click(screen.getByTestId('price-add'));
    await fireEvent.input(field('price-model'), { target: { value: 'big-model' } });
    await fireEvent.input(field('price-input'), { target: { value: '1' } });
    await fireEvent.input(field('price-output'), { target: { value: '2' } });
    await fireEvent.click(screen.getByTestId('price-submit'));
    expect(await screen.findByTestId('price-form-error')).toHaveTextContent("is not a price");
    expect(screen.getByTestId('price-dialog')).toBeInTheDocument();
    expect(screen.getByTestId('price-submit')).not.toBeDisabled();
    expect(toasts.items).toEqual([]);
  });

  it('closes the form on Escape', async () => {
    const { field } = setup();
    await waitFor(() => expect(rows()).toHaveLength(200));
    await fireEvent.click(screen.getByTestId('price-add'));
    await fireEvent.keyDown(field('price-model'), { key: 'Escape' });
    expect(screen.queryByTestId('price-dialog')).toBeNull();
  });

  it('removes the user\'s price with price_unset', async () => {
    const { calls, lists } = setup((cmd) => (cmd === 'price_unset' ? 3 : null));
    await fireEvent.click(await screen.findByTestId('price-only-mine'));
    await waitFor(() => expect(rows()).toHaveLength(1));
    await fireEvent.click(within(rowOf('house-model')).getByTestId('price-unset'));
    await waitFor(() => expect(calls.find((c) => c.cmd === 'price_unset')?.args).toEqual({ model: 'house-model' }));
    await waitFor(() =>
      expect(toasts.items.map((t) => t.text)).toEqual(['Your price of house-model removed — 3 usage buckets re-priced']),
    );
    await waitFor(() => expect(lists()).toBe(2));
  });

  it('shows a failed removal in a toast', async () => {
    setup((cmd) => {
      if (cmd === 'price_unset') throw { code: 'not_found', message: 'price override for house-model not found' };
      return null;
    });
    await fireEvent.click(await screen.findByTestId('price-only-mine'));
    await fireEvent.click(await within(await screen.findByTestId('price-row')).findByTestId('price-unset'));
    await waitFor(() => expect(toasts.items.map((t) => [t.text, t.tone])).toEqual([['price override for house-model not found', 'error']]));
  });

  it('shows a loading skeleton, then an error with a retry', async () => {
    const { pending, recover } = heldIPC('price_list', [GPT_4O]);
    render(PricesView);
    expect(screen.getByTestId('prices-loading')).toHaveAttribute('aria-busy', 'true');
    await waitFor(() => expect(pending).toHaveLength(1));
    pending[0]();
    const error = await screen.findByTestId('prices-error');
    expect(error).toHaveTextContent('the database is busy');
    recover();
    await fireEvent.click(within(error).getByRole('button', { name: /retry/i }));
    expect(screen.getByTestId('prices-loading')).toBeInTheDocument();
    await waitFor(() => expect(pending).toHaveLength(2));
    pending[1]();
    await waitFor(() => expect(rows()).toHaveLength(1));
  });
});
