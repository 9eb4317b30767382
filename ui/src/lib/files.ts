// The native file choosers, in one place so tests can replace them (native dialogs cannot be driven
// by tests). Every path they return is also typed-in-able: the forms always show an editable field.
import { open, save, type DialogFilter } from '@tauri-apps/plugin-dialog';
import type { ErrorPayload } from './bindings';

export type { DialogFilter };

export interface PickOptions {
  title?: string;
  filters?: DialogFilter[];
  /** The folder or file the chooser starts at. */
  defaultPath?: string;
}

export const files = {
  /** Asks for one existing file; null when the user cancelled. */
  pickFile: async (options: PickOptions = {}): Promise<string | null> => {
    const picked = await open({ ...options, multiple: false, directory: false });
    return typeof picked === 'string' ? picked : null;
  },

  /** Asks where to write a file; null when the user cancelled. */
  pickSaveFile: async (options: PickOptions = {}): Promise<string | null> => {
    const picked = await save(options);
    return typeof picked === 'string' ? picked : null;
  },
};

/** The filter of the .env chooser: files ending in .env, and any other (`.env.local`, `prod.env`…). */
export const ENV_FILTERS: DialogFilter[] = [{ name: '.env files', extensions: ['env', '*'] }];

/** The filter of the backup choosers. */
export const BACKUP_FILTERS: DialogFilter[] = [{ name: 'Keyledger backups', extensions: ['age'] }];

/** The formats a chart exports to: an image, a vector drawing, or the numbers behind it. */
export type ChartFormat = 'png' | 'svg' | 'csv';

/** The filter of a chart export's chooser: only files of that format. */
export function chartFilters(format: ChartFormat): DialogFilter[] {
  const names: Record<ChartFormat, string> = { png: 'PNG image', svg: 'SVG drawing', csv: 'CSV table' };
  return [{ name: names[format], extensions: [format] }];
}

/**
 * Why writing a file (a backup, a chart) failed, in words. Rust's `exists` (the file is there and
 * replacing it was not asked for) says what to do in the window instead: choose another name, or tick
 * `replaceOption` when the form has one. Any other error keeps Rust's message.
 */
export function writeErrorText(error: ErrorPayload, replaceOption: string | null = null): string {
  if (error.code !== 'exists') return error.message;
  return replaceOption === null
    ? 'That file already exists: choose another name.'
    : `That file already exists: choose another name, or tick “${replaceOption}”.`;
}
