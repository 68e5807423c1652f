// Uploading a CSV or XLSX file to an import endpoint: the result (added, updated, rows with errors by line) stays on
// the screen; a failed row never stops the others.
import { useId, useState, type FormEvent } from 'react';
import type { FileUpload, ImportResult } from '../../../shared/api/public-pages';
import { plural } from '../common/format';
import { FormMessage } from '../common/states';
import { fileUpload } from './comms-api';

export function FileImport({
  title,
  columns,
  send,
  onDone,
}: {
  title: string;
  columns: string;
  send: (file: FileUpload) => Promise<ImportResult>;
  onDone: () => void;
}) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setError(new Error('Выберите файл .csv или .xlsx'));
      return;
    }
    setBusy(true);
    setError(null);
    setResult(null);
    fileUpload(file)
      .then(send)
      .then((r) => {
        setResult(r);
        onDone();
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="muted small">Столбцы: {columns}. Даты — ДД.ММ.ГГГГ.</p>
      <div className="form-actions">
        <label className="field">
          Файл CSV или XLSX
          <input type="file" accept=".csv,.xlsx" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Загрузить
        </button>
      </div>
      <FormMessage
        error={error}
        success={
          result
            ? `Добавлено: ${result.imported}, обновлено: ${result.updated}, ${result.failed.length} ${plural(result.failed.length, ['строка', 'строки', 'строк'])} с ошибками`
            : null
        }
      />
      {result && result.failed.length > 0 && (
        <ul className="small" aria-label="Строки с ошибками">
          {result.failed.map((f) => (
            <li key={f.line}>
              Строка {f.line}: {f.message}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
