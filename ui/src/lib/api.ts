// Every call the UI makes into the Rust side goes through this module.
// Command and argument names must match the `#[tauri::command]` functions exactly.
import { invoke } from '@tauri-apps/api/core';
import type {
  AuditEvent,
  Credential,
  Detection,
  ErrorPayload,
  NewCredential,
  ReconcileReport,
} from './bindings';

/** True for the `{ code, message }` object every Keyledger command rejects with. */
export function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).code === 'string' &&
    typeof (value as Record<string, unknown>).message === 'string'
  );
}

export const GENERIC_ERROR = 'Something went wrong talking to Keyledger. Please try again.';

/** Turns any rejection into an ErrorPayload; unknown shapes get a generic message. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (isErrorPayload(err)) return { code: err.code, message: err.message };
  return { code: 'unknown', message: GENERIC_ERROR };
}

export const api = {
  listCredentials: (): Promise<Credential[]> => invoke<Credential[]>('list_credentials'),

  detectKey: (secret: string): Promise<Detection> => invoke<Detection>('detect_key', { secret }),

  addCredential: (secret: string, input: NewCredential): Promise<Credential> =>
    invoke<Credential>('add_credential', { secret, input }),

  revealSecret: (id: string): Promise<string> => invoke<string>('reveal_secret', { id }),

  copySecret: (id: string): Promise<null> => invoke<null>('copy_secret', { id }),

  deleteCredential: (id: string): Promise<null> => invoke<null>('delete_credential', { id }),

  auditLog: (limit: number): Promise<AuditEvent[]> => invoke<AuditEvent[]>('audit_log', { limit }),

  reconcile: (): Promise<ReconcileReport> => invoke<ReconcileReport>('reconcile'),
};
