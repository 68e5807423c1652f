// Runs one card action: busy flag, the server's error message, a success note, and the updated card.
import { useCallback, useState } from 'react';
import type { CaseDetail } from '../../../shared/api/cases';
import { announce } from '../common/announcer';
import { countersChanged } from '../workspace/workspace-api';

/** `quiet`: the screen reports the result itself, so no toast (one announcement, not two). */
export function useAction(onDone: (detail: CaseDetail) => void, quiet = false) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [success, setSuccess] = useState<string | null>(null);

  const run = useCallback(
    async (call: () => Promise<CaseDetail>, note: string): Promise<boolean> => {
      setBusy(true);
      setError(null);
      setSuccess(null);
      try {
        const detail = await call();
        onDone(detail);
        countersChanged(); // an answer, a review, a take or an extension moves the case between the header's counters
        setSuccess(note);
        if (!quiet) announce(`Обращение № ${detail.id}: ${note.charAt(0).toLowerCase()}${note.slice(1)}`);
        return true;
      } catch (e) {
        setError(e);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [onDone, quiet],
  );

  const fail = useCallback((message: string) => {
    setSuccess(null);
    setError(new Error(message));
  }, []);

  return { run, busy, error, success, fail };
}

/** First zod issue as a sentence ("Ответ слишком короткий"). */
export function firstIssue(error: { issues: readonly { message: string }[] }): string {
  const message = error.issues[0]?.message ?? 'Проверьте введённые данные';
  return message.charAt(0).toUpperCase() + message.slice(1);
}
