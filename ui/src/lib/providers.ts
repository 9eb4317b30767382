import type { Kind, Provider, Status } from './bindings';

export const PROVIDERS: Provider[] = [
  'openai',
  'anthropic',
  'openrouter',
  'gemini',
  'groq',
  'xai',
  'deepseek',
  'mistral',
  'other',
];

export const PROVIDER_NAMES: Record<Provider, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  openrouter: 'OpenRouter',
  gemini: 'Google Gemini',
  groq: 'Groq',
  xai: 'xAI',
  deepseek: 'DeepSeek',
  mistral: 'Mistral',
  other: 'Other',
};

export const KINDS: Kind[] = ['api', 'admin', 'token'];

export const KIND_NAMES: Record<Kind, string> = {
  api: 'API key',
  admin: 'Admin key',
  token: 'Token',
};

export const STATUS_NAMES: Record<Status, string> = {
  pending: 'pending',
  unknown: 'unknown',
  valid: 'valid',
  invalid: 'invalid',
  secret_missing: 'secret missing',
};

export const STATUS_TOOLTIPS: Record<Status, string> = {
  pending: 'the key is still being written to the keychain',
  unknown: 'not checked against the provider yet',
  valid: 'the provider accepted this key',
  invalid: 'the provider rejected this key',
  secret_missing: 'the keychain no longer holds this key; delete it and add it again',
};

export function providerName(p: Provider | string | null | undefined): string {
  if (!p) return 'Unknown';
  return (PROVIDER_NAMES as Record<string, string>)[p] ?? p;
}

/** A provider name from Rust as a known provider; anything else is `other`. */
export function asProvider(p: string): Provider {
  return (PROVIDERS as string[]).includes(p) ? (p as Provider) : 'other';
}

export function kindName(k: Kind | string | null | undefined): string {
  if (!k) return 'key';
  return (KIND_NAMES as Record<string, string>)[k] ?? k;
}
