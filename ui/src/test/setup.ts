import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { usagePeriod } from '../lib/state/usagePeriod.svelte';

// Shared view state starts fresh in every test, as in a new window.
afterEach(() => usagePeriod.reset());
