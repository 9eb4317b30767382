import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import BudgetsPanel from '../BudgetsPanel.svelte';
import type { BudgetStatus } from '../../lib/bindings';
import {
  alertSettings,
  budget,
  budgetStatus,
  credential,
  heldIPC,
  recordIPC,
  type Handler,
} from '../../test/fixtures';
import { toasts } from '../../lib/toasts.svelte';
import { failFirstLoadThenRetry, resetAfterEach } from '../../test/views';

const SETTINGS = alertSettings({ budget_thresholds: [60, 90] });

const CREDENTIALS = [
  credential({ id: 'key-1', label: 'Work laptop', provider: 'openai' }),
  credential({ id: 'key-2', label: 'Claude CLI', provider: 'anthropic' }),
  credential({ id: 'key-3', label: 'Side project', provider: 'openai' }),
];

/** All keys this month: $9 of $50, on pace for $60. */
const MONTHLY = budgetStatus({ tokens: 420_000, forecast_usd: '60.000000' }, { id: 'b-all' });

/** OpenAI today: over its $10 limit, part of the usage unpriced. */
const DAILY_OVER = budgetStatus(
  { label: 'OpenAI', period: '2026-11-24', spent_usd: '11.200000', unpriced: true, tokens: 640_000, percent: 112 },
  {
    id: 'b-openai',
    scope: { kind: 'provider', value: 'openai' },
    period: 'day',
    amount_usd: '10.000000',
    token_quota: 1_000_000,
    thresholds: [80, 100],
  },
);

/** One key, tokens only, nothing priced. */
const TOKENS_ONLY = budgetStatus(
  { label: 'Claude CLI', spent_usd: '0.000000', unpriced: true, tokens: 850_000, percent: 85 },
  {
    id: 'b-key',
    scope: { kind: 'credential', value: 'key-2' },
    amount_usd: null,
    token_quota: 1_000_000,
    thresholds: [90],
  },
);

function setup(handler: Handler = () => null, list: BudgetStatus[] = [MONTHLY, DAILY_OVER, TOKENS_ONLY]) {
  let current = list;
  const calls = recordIPC((cmd, args) => {
    if (cmd === 'budget_list') return current;
    if (cmd === 'alert_settings') return SETTINGS;
    return handler(cmd, args);
  });
  const onchanged = vi.fn();
  const view = render(BudgetsPanel, { credentials: CREDENTIALS, onchanged });
  const lists = () => calls.filter((c) => c.cmd === 'budget_list').length;
  const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);
  const setList = (next: BudgetStatus[]) => (current = next);
  return { calls, lists, sent, onchanged, view, setList };
}

const rows = () => screen.queryAllByTestId('budget-row');
const rowOf = (id: string) => rows().find((r) => r.dataset.budgetId === id)!;
const field = (testid: string) => screen.getByTestId(testid) as HTMLInputElement;
const fieldError = (name: string) => document.querySelector(`.budget-form .field-error[data-field="${name}"]`);

async function openForm() {
  await fireEvent.click(screen.getByTestId('budget-add'));
  const dialog = screen.getByTestId('budget-dialog');
  // The thresholds arrive from the alert settings.
  await waitFor(() => expect(field('budget-thresholds')).toHaveValue('60, 90'));
  return dialog;
}

resetAfterEach();

describe('BudgetsPanel', () => {
  it('renders each budget: what it covers, period, limit, spend, bar, thresholds and pace', async () => {
    setup();
    await waitFor(() => expect(rows()).toHaveLength(3));

    const monthly = rowOf('b-all');
    expect(within(monthly).getByTestId('budget-covers')).toHaveTextContent('All keys');
    expect(within(monthly).getByTestId('budget-period-text')).toHaveTextContent('This month (November 2026)');
    expect(within(monthly).getByTestId('budget-limit')).toHaveTextContent(/^\$50\.00$/);
    expect(within(monthly).getByTestId('budget-spent')).toHaveTextContent(/^\$9\.00$/);
    expect(within(monthly).queryByTestId('budget-unpriced')).toBeNull();
    expect(within(monthly).getByTestId('budget-percent')).toHaveTextContent('18%');
    const bar = within(monthly).getByRole('progressbar');
    expect(bar).toHaveAttribute('aria-valuenow', '18');
    expect(bar).toHaveAttribute('aria-valuetext', '18% of $50.00');
    expect(bar.querySelector<HTMLElement>('.fill')!.style.width).toBe('18%');
    expect(monthly.dataset.tone).toBe('ok');
    expect(within(monthly).getByTestId('budget-thresholds-text')).toHaveTextContent('Alerts at 50 · 80 · 100 %');
    // $60 at month end is over the $50 limit: amber.
    const pace = within(monthly).getByTestId('budget-forecast');
    expect(pace).toHaveTextContent('Month-end pace: $60.00');
    expect(pace.dataset.tone).toBe('warn');

    const daily = rowOf('b-openai');
    expect(within(daily).getByTestId('budget-covers')).toHaveTextContent('OpenAI');
    expect(within(daily).getByTestId('budget-period-text')).toHaveTextContent(/^Today$/);
    expect(within(daily).getByTestId('budget-limit')).toHaveTextContent('$10.00 · 1,000,000 tokens');
    expect(within(daily).getByTestId('budget-spent')).toHaveTextContent('$11.20 + unpriced · 640,000 tokens');
    expect(within(daily).getByTestId('budget-percent')).toHaveTextContent('112%');
    const over = within(daily).getByRole('progressbar');
    expect(over).toHaveAttribute('aria-valuenow', '112');
    expect(over.querySelector<HTMLElement>('.fill')!.style.width).toBe('100%');
    expect(daily.dataset.tone).toBe('danger');
    expect(within(daily).getByTestId('budget-thresholds-text')).toHaveTextContent('Alerts at 80 · 100 %');
    expect(within(daily).queryByTestId('budget-forecast')).toBeNull();

    // Nothing priced: "unpriced", never "$0.00".
    const tokens = rowOf('b-key');
    expect(within(tokens).getByTestId('budget-spent')).toHaveTextContent(/^unpriced · 850,000 tokens$/);
    expect(within(tokens).getByTestId('budget-spent')).not.toHaveTextContent('$0');
    expect(within(tokens).getByTestId('budget-limit')).toHaveTextContent(/^1,000,000 tokens$/);
    expect(tokens.dataset.tone).toBe('warn');
    expect(within(tokens).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '85');
  });

  it('shows an empty state that explains budgets and opens the form', async () => {
    setup(() => null, []);
    const empty = await screen.findByTestId('budgets-empty');
    expect(empty).toHaveTextContent('No budgets yet');
    expect(empty).toHaveTextContent(/per day or per month/);
    await fireEvent.click(within(empty).getByTestId('budget-add-empty'));
    expect(screen.getByTestId('budget-dialog')).toBeInTheDocument();
  });

  it('adds a budget with the exact NewBudget payload, then toasts and reloads', async () => {
    const user = userEvent.setup();
    const { sent, lists, onchanged } = setup((cmd) => (cmd === 'budget_set' ? budget({ id: 'new' }) : null));
    await waitFor(() => expect(rows()).toHaveLength(3));
    await openForm();
    expect(screen.getByTestId('budget-dialog')).toHaveTextContent(/replaces the old one/);

    const scope = field('budget-scope') as unknown as HTMLSelectElement;
    await waitFor(() => expect(document.activeElement).toBe(scope));
    const options = Array.from(scope.options).map((o) => [o.value, o.textContent?.trim()]);
    // Providers with a stored key only (no Groq, …), then each key by label.
    expect(options).toEqual([
      ['all', 'All keys'],
      ['provider:openai', 'OpenAI'],
      ['provider:anthropic', 'Anthropic'],
      ['key:key-2', 'Claude CLI (Anthropic)'],
      ['key:key-3', 'Side project (OpenAI)'],
      ['key:key-1', 'Work laptop (OpenAI)'],
    ]);
    expect(field('budget-period-month')).toBeChecked();

    await user.selectOptions(scope, 'provider:openai');
    await user.click(field('budget-period-day'));
    await user.type(field('budget-usd'), '$12.50');
    await user.type(field('budget-tokens'), '1,000,000');
    await user.clear(field('budget-thresholds'));
    await user.type(field('budget-thresholds'), '50, 100{Enter}');

    await waitFor(() => expect(screen.queryByTestId('budget-dialog')).toBeNull());
    expect(sent('budget_set')).toEqual([
      {
        input: {
          scope: 'provider:openai',
          period: 'day',
          amount_usd: '12.50',
          token_quota: 1_000_000,
          thresholds: [50, 100],
        },
      },
    ]);
    expect(toasts.items.map((t) => [t.text, t.tone])).toEqual([['Budget set', 'success']]);
    await waitFor(() => expect(lists()).toBe(2));
    expect(onchanged).toHaveBeenCalledTimes(1);
  });

  it('sends the default thresholds and a key scope; Enter on the select submits too', async () => {
    const user = userEvent.setup();
    const { sent } = setup((cmd) => (cmd === 'budget_set' ? budget() : null));
    await waitFor(() => expect(rows()).toHaveLength(3));
    await openForm();
    await user.type(field('budget-tokens'), '250000');
    await user.selectOptions(field('budget-scope') as unknown as HTMLSelectElement, 'key:key-1');
    await fireEvent.keyDown(field('budget-scope'), { key: 'Enter' });
    await waitFor(() =>
      expect(sent('budget_set')).toEqual([
        {
          input: { scope: 'key:key-1', period: 'month', amount_usd: null, token_quota: 250_000, thresholds: [60, 90] },
        },
      ]),
    );
  });

  it('validates each field inline and does not call budget_set', async () => {
    const user = userEvent.setup();
    const { sent } = setup();
    await waitFor(() => expect(rows()).toHaveLength(3));
    await openForm();
    await user.click(screen.getByTestId('budget-save'));

    expect(fieldError('limit')).toHaveTextContent('Give an amount in USD, a token quota, or both.');
    expect(field('budget-usd')).toHaveAttribute('aria-invalid', 'true');
    expect(field('budget-tokens')).toHaveAttribute('aria-invalid', 'true');
    expect(field('budget-usd').getAttribute('aria-describedby')).toContain('budget-limit-error');
    expect(document.activeElement).toBe(field('budget-usd'));

    await user.type(field('budget-usd'), '0');
    expect(fieldError('amount')).toHaveTextContent('The amount must be more than $0.');
    expect(fieldError('limit')).toBeNull();
    await user.clear(field('budget-usd'));
    await user.type(field('budget-usd'), '12,5');
    expect(fieldError('amount')).toHaveTextContent('e.g. 50 or 12.50');
    await user.type(field('budget-tokens'), '1.5');
    expect(fieldError('tokens')).toHaveTextContent('Give a whole number of tokens');
    await user.clear(field('budget-thresholds'));
    await user.type(field('budget-thresholds'), '0, 2000');
    expect(fieldError('thresholds')).toHaveTextContent('Thresholds are percentages from 1 to 1000');
    expect(field('budget-thresholds')).toHaveAttribute(
      'aria-describedby',
      'budget-thresholds-error budget-thresholds-hint',
    );

    await user.click(screen.getByTestId('budget-save'));
    expect(sent('budget_set')).toEqual([]);
    expect(screen.getByTestId('budget-dialog')).toBeInTheDocument();
  });

  it('shows the Rust error in the form and keeps it open', async () => {
    const user = userEvent.setup();
    const { onchanged } = setup((cmd) => {
      if (cmd === 'budget_set')
        throw { code: 'invalid_input', message: 'the amount must be more than $0 (and less than a trillion)' };
      return null;
    });
    await waitFor(() => expect(rows()).toHaveLength(3));
    await openForm();
    await user.type(field('budget-usd'), '5{Enter}');
    expect(await screen.findByTestId('budget-form-error')).toHaveTextContent(
      'the amount must be more than $0 (and less than a trillion)',
    );
    expect(screen.getByTestId('budget-dialog')).toBeInTheDocument();
    expect(screen.getByTestId('budget-save')).not.toBeDisabled();
    expect(toasts.items).toEqual([]);
    expect(onchanged).not.toHaveBeenCalled();
  });

  it('closes the form on Escape', async () => {
    setup();
    await waitFor(() => expect(rows()).toHaveLength(3));
    await openForm();
    await fireEvent.keyDown(field('budget-usd'), { key: 'Escape' });
    expect(screen.queryByTestId('budget-dialog')).toBeNull();
  });

  it('changes a budget with its values prefilled and its scope kept', async () => {
    const user = userEvent.setup();
    const { sent } = setup((cmd) => (cmd === 'budget_set' ? budget() : null));
    await waitFor(() => expect(rows()).toHaveLength(3));
    await fireEvent.click(within(rowOf('b-openai')).getByTestId('budget-edit'));
    expect(field('budget-scope')).toHaveValue('provider:openai');
    expect(field('budget-scope')).toBeDisabled();
    expect(field('budget-period-day')).toBeChecked();
    expect(field('budget-usd')).toHaveValue('10');
    expect(field('budget-tokens')).toHaveValue('1,000,000');
    expect(field('budget-thresholds')).toHaveValue('80, 100');
    await user.clear(field('budget-usd'));
    await user.type(field('budget-usd'), '15{Enter}');
    await waitFor(() =>
      expect(sent('budget_set')).toEqual([
        {
          input: {
            scope: 'provider:openai',
            period: 'day',
            amount_usd: '15',
            token_quota: 1_000_000,
            thresholds: [80, 100],
          },
        },
      ]),
    );
  });

  it('removes a budget after an inline confirmation', async () => {
    const { sent, lists, onchanged, setList } = setup((cmd) => (cmd === 'budget_remove' ? DAILY_OVER.budget : null));
    await waitFor(() => expect(rows()).toHaveLength(3));

    // A first click only asks; Keep (or Escape) backs out.
    await fireEvent.click(within(rowOf('b-openai')).getByTestId('budget-remove'));
    const keep = within(rowOf('b-openai')).getByTestId('budget-remove-cancel');
    await fireEvent.click(keep);
    expect(within(rowOf('b-openai')).queryByTestId('budget-confirm')).toBeNull();
    await fireEvent.click(within(rowOf('b-openai')).getByTestId('budget-remove'));
    const confirm = within(rowOf('b-openai')).getByTestId('budget-remove-confirm');
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    await fireEvent.keyDown(confirm, { key: 'Escape' });
    expect(within(rowOf('b-openai')).queryByTestId('budget-confirm')).toBeNull();
    expect(sent('budget_remove')).toEqual([]);

    setList([MONTHLY, TOKENS_ONLY]);
    await fireEvent.click(within(rowOf('b-openai')).getByTestId('budget-remove'));
    await fireEvent.click(within(rowOf('b-openai')).getByTestId('budget-remove-confirm'));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(sent('budget_remove')).toEqual([{ id: 'b-openai' }]);
    expect(lists()).toBe(2);
    expect(toasts.items.map((t) => [t.text, t.tone])).toEqual([['Budget for OpenAI removed', 'success']]);
    expect(onchanged).toHaveBeenCalledTimes(1);
  });

  it('shows a failed removal in a toast and keeps the budget', async () => {
    const { onchanged } = setup((cmd) => {
      if (cmd === 'budget_remove') throw { code: 'not_found', message: 'budget b-all not found' };
      return null;
    });
    await waitFor(() => expect(rows()).toHaveLength(3));
    await fireEvent.click(within(rowOf('b-all')).getByTestId('budget-remove'));
    await fireEvent.click(within(rowOf('b-all')).getByTestId('budget-remove-confirm'));
    await waitFor(() =>
      expect(toasts.items.map((t) => [t.text, t.tone])).toEqual([['budget b-all not found', 'error']]),
    );
    expect(rows()).toHaveLength(3);
    expect(onchanged).not.toHaveBeenCalled();
  });

  it('reloads when the version changes', async () => {
    const { lists, view } = setup();
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(lists()).toBe(1);
    await view.rerender({ credentials: CREDENTIALS, version: 1 });
    await waitFor(() => expect(lists()).toBe(2));
  });

  it('shows a loading state, then an error with a retry', async () => {
    const held = heldIPC('budget_list', [MONTHLY]);
    render(BudgetsPanel, { credentials: [] });
    expect(screen.getByTestId('budgets-loading')).toBeInTheDocument();
    expect(screen.getByTestId('budgets-panel')).toHaveAttribute('aria-busy', 'true');
    await failFirstLoadThenRetry(held, 'budgets-error');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.queryByTestId('budgets-error')).toBeNull();
  });
});
