import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import AboutDialog from '../AboutDialog.svelte';
import type { About } from '../../lib/bindings';
import { resetAfterEach } from '../../test/views';

resetAfterEach();

const about: About = {
  version: '0.1.0',
  data_dir: '/home/ada/.local/share/keyledger',
  database: '/home/ada/.local/share/keyledger/keyledger.db',
  prices: {
    source: "LiteLLM model_prices_and_context_window.json, releases 1.110.2, 1.109.1; MIT License",
    releases: ['litellm 1.110.2', 'litellm 1.109.1'],
    models: 2345,
    licence: 'MIT License\n\nCopyright (c) 2023 Berri AI\n',
  },
};

describe('AboutDialog', () => {
  it('shows the version, the data folder and the price table with its licence', async () => {
    mockIPC((cmd) => (cmd === 'about' ? about : null));
    render(AboutDialog, { onclose: () => {} });
    expect(await screen.findByTestId('about-version')).toHaveTextContent('0.1.0');
    expect(screen.getByTestId('about-data-dir')).toHaveTextContent('/home/ada/.local/share/keyledger');
    expect(screen.getByTestId('about-prices')).toHaveTextContent(
      "Prices of 2,345 models from LiteLLM's price table (litellm 1.110.2 and 1 older releases).",
    );
    expect(screen.getByTestId('about-licence')).toHaveTextContent('Copyright (c) 2023 Berri AI');
  });

  it('says why when the details cannot be read, and Retry reads them again', async () => {
    let fail = true;
    mockIPC((cmd) => {
      if (cmd !== 'about') return null;
      if (fail) throw { code: 'io', message: 'the data folder is gone' };
      return about;
    });
    render(AboutDialog, { onclose: () => {} });
    const error = await screen.findByTestId('about-error');
    expect(error).toHaveTextContent('the data folder is gone');
    fail = false;
    await fireEvent.click(screen.getByRole('button', { name: /retry/i }));
    await waitFor(() => expect(screen.getByTestId('about-version')).toHaveTextContent('0.1.0'));
  });

  it('closes with Escape and with Close', async () => {
    mockIPC((cmd) => (cmd === 'about' ? about : null));
    let closed = 0;
    render(AboutDialog, { onclose: () => (closed += 1) });
    await screen.findByTestId('about-version');
    await fireEvent.keyDown(window, { key: 'Escape' });
    await fireEvent.click(screen.getByTestId('about-close'));
    expect(closed).toBe(2);
  });
});
