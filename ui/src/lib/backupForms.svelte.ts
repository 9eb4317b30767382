// The state of the backup dialog's two forms, kept by the dialog so that a switch between Export and
// Restore keeps what was typed: the fields, their checks, the run against Rust and what it came to.
import type { ErrorPayload, ExportReport, RestoreReport } from './bindings';
import { api, toErrorPayload } from './api';
import { BACKUP_EXAMPLE, defaultBackupPath, REPLACE_LABEL, validateNewPassphrase, validateRepeat } from './backup';
import { writeErrorText } from './files';
import { validatePath } from './paths';

/**
 * What a run came to: `busy` (one runs already), `invalid` (a field is marked, nothing was sent), `done`
 * (the report is set), `failed` (the error is set) or `wrong_passphrase` (the error is set, the field marked).
 */
export type Outcome = 'busy' | 'invalid' | 'done' | 'failed' | 'wrong_passphrase';

/** What both forms share: the backup file, a passphrase, and a run that ends with a report `R` or an error. */
export abstract class BackupFileForm<R> {
  path = $state('');
  /** The form was submitted since the last run that succeeded: its errors show. */
  submitted = $state(false);
  running = $state(false);
  error = $state<string | null>(null);
  report = $state.raw<R | null>(null);

  readonly pathError = $derived(validatePath(this.path, BACKUP_EXAMPLE));

  /** Checks the fields, then sends them to Rust; the passphrases are forgotten once it succeeded. */
  async run(): Promise<Outcome> {
    if (this.running) return 'busy';
    this.submitted = true;
    this.error = null;
    this.started();
    if (!this.valid()) return 'invalid';
    this.running = true;
    try {
      this.report = await this.send();
      this.clearSecrets();
      this.submitted = false;
      return 'done';
    } catch (err) {
      return this.failed(toErrorPayload(err));
    } finally {
      this.running = false;
    }
  }

  /** The path changed (typed or picked): the last error no longer holds. */
  pathEdited(): void {
    this.error = null;
  }

  abstract clearSecrets(): void;
  /** A run starts (after its busy check). */
  protected started(): void {}
  protected abstract valid(): boolean;
  protected abstract send(): Promise<R>;
  /** Sets the error of a run Rust refused; resolves to the outcome. */
  protected abstract failed(error: ErrorPayload): Outcome;
}

/** Writes every key to a file encrypted with a new passphrase, typed twice. */
export class ExportForm extends BackupFileForm<ExportReport> {
  passphrase = $state('');
  repeat = $state('');
  overwrite = $state(false);
  /**
   * The path picked with Browse…, whose native chooser already asked before replacing the file:
   * `overwrite` was ticked for it, and is unticked again if the path is then typed over.
   */
  confirmedPath = $state<string | null>(null);

  readonly passphraseError = $derived(validateNewPassphrase(this.passphrase));
  readonly repeatError = $derived(this.passphraseError ? null : validateRepeat(this.passphrase, this.repeat));

  constructor(now: Date = new Date()) {
    super();
    this.path = defaultBackupPath(now);
  }

  /** A path was picked with Browse…: the chooser confirmed replacing it. */
  picked(path: string): void {
    this.confirmedPath = path;
    this.overwrite = true;
  }

  /** A path typed over the picked one was not confirmed. */
  override pathEdited(): void {
    super.pathEdited();
    if (this.confirmedPath !== null && this.path !== this.confirmedPath) {
      this.confirmedPath = null;
      this.overwrite = false;
    }
  }

  clearSecrets(): void {
    this.passphrase = '';
    this.repeat = '';
  }

  protected valid(): boolean {
    return !this.pathError && !this.passphraseError && !this.repeatError;
  }

  protected send(): Promise<ExportReport> {
    return api.backupExport(this.path.trim(), this.passphrase, this.overwrite);
  }

  protected failed(error: ErrorPayload): Outcome {
    this.error = writeErrorText(error, REPLACE_LABEL);
    return 'failed';
  }
}

/** Adds the keys of a backup file, opened with its passphrase. */
export class RestoreForm extends BackupFileForm<RestoreReport> {
  passphrase = $state('');
  /** The passphrase was refused: the field is marked. */
  wrongPassphrase = $state(false);

  readonly passphraseError = $derived(this.passphrase === '' ? "Type the backup's passphrase." : null);

  clearSecrets(): void {
    this.passphrase = '';
  }

  protected override started(): void {
    this.wrongPassphrase = false;
  }

  protected valid(): boolean {
    return !this.pathError && !this.passphraseError;
  }

  protected send(): Promise<RestoreReport> {
    return api.backupRestore(this.path.trim(), this.passphrase);
  }

  protected failed(error: ErrorPayload): Outcome {
    this.error = error.message;
    this.wrongPassphrase = error.code === 'wrong_passphrase';
    return this.wrongPassphrase ? 'wrong_passphrase' : 'failed';
  }
}
