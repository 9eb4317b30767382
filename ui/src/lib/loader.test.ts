import { describe, expect, it } from 'vitest';
import { GENERIC_ERROR } from './api';
import { Loader } from './loader.svelte';

/** A fetch whose answers the test gives, in any order. */
function answers<T>() {
  const pending: { resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  const fetch = () => new Promise<T>((resolve, reject) => pending.push({ resolve, reject }));
  return { fetch, pending };
}

/** A loader of such answers, and what it applied. */
function watched<T>() {
  const { fetch, pending } = answers<T>();
  const seen: T[] = [];
  const loader = new Loader(fetch, (v) => seen.push(v));
  return { loader, pending, seen };
}

describe('Loader', () => {
  it('starts loading, applies the answer and stops loading', async () => {
    const { loader, pending, seen } = watched<number>();
    expect(loader.loading).toBe(true);
    const done = loader.load();
    pending[0].resolve(7);
    await done;
    expect(seen).toEqual([7]);
    expect(loader.loading).toBe(false);
    expect(loader.error).toBeNull();
  });

  it("keeps Rust's error message, and clears it once a load succeeds", async () => {
    const { fetch, pending } = answers<number>();
    const loader = new Loader(fetch, () => {});
    const failed = loader.load();
    pending[0].reject({ code: 'storage', message: 'the database is busy' });
    await failed;
    expect(loader.error).toBe('the database is busy');
    expect(loader.loading).toBe(false);

    const retried = loader.load();
    expect(loader.loading).toBe(true);
    pending[1].resolve(1);
    await retried;
    expect(loader.error).toBeNull();
  });

  it('says something generic for errors that are not from Rust, thrown by fetch or apply', async () => {
    const thrown = new Loader(
      () => Promise.reject(new Error('boom')),
      () => {},
    );
    await thrown.load();
    expect(thrown.error).toBe(GENERIC_ERROR);

    const refused = new Loader(
      () => Promise.resolve(1),
      () => {
        throw new Error('not what was asked for');
      },
    );
    await refused.load();
    expect(refused.error).toBe(GENERIC_ERROR);
  });

  it('drops the answer of an earlier load that arrives after a later one', async () => {
    const { loader, pending, seen } = watched<string>();
    const first = loader.load();
    const second = loader.load();
    pending[1].resolve('new');
    await second;
    expect(loader.loading).toBe(false);
    pending[0].reject({ code: 'storage', message: 'too late' });
    await first;
    expect(seen).toEqual(['new']);
    expect(loader.error).toBeNull();
  });

  it('stays loading while the latest load runs, whatever earlier ones do', async () => {
    const { fetch, pending } = answers<string>();
    const loader = new Loader(fetch, () => {});
    const first = loader.load();
    void loader.load();
    pending[0].resolve('old');
    await first;
    expect(loader.loading).toBe(true);
  });

  it('drop() ignores the loads on their way and stops loading', async () => {
    const { loader, pending, seen } = watched<string>();
    const running = loader.load();
    loader.drop();
    expect(loader.loading).toBe(false);
    pending[0].resolve('stale');
    await running;
    expect(seen).toEqual([]);
    expect(loader.loading).toBe(false);
  });
});
