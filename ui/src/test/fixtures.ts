import type { Credential, Detection } from '../lib/bindings';

export function detection(over: Partial<Detection> = {}): Detection {
  return {
    provider: null,
    candidates: [],
    kind: null,
    prefix: '',
    hint: '••••••••',
    token: null,
    problem: null,
    ...over,
  };
}

export function credential(over: Partial<Credential> = {}): Credential {
  return {
    id: '0193a5b2-7c4d-7e8f-9a0b-123456789abc',
    provider: 'openai',
    kind: 'api',
    label: 'Work laptop',
    profile: 'default',
    base_url: null,
    hint: 'sk-proj-…a1B2',
    created_at: '2026-11-23T17:00:00Z',
    expires_at: null,
    expires_source: null,
    token_issuer: null,
    token_scope: null,
    status: 'unknown',
    last_checked_at: null,
    notes: '',
    ...over,
  };
}
