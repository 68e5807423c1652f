import { useCallback, useState } from 'react';
import { clearDraft, readDraft, writeDraft } from './drafts';

/** A text field's state mirrored into sessionStorage on every change. */
export function useDraft(name: string): [string, (value: string) => void, () => void] {
  const [state, setState] = useState(() => ({ name, value: readDraft(name) }));
  // A different draft name (another case) starts from that case's draft.
  const current = state.name === name ? state.value : readDraft(name);
  if (state.name !== name) setState({ name, value: current });
  const set = useCallback(
    (value: string) => {
      writeDraft(name, value);
      setState({ name, value });
    },
    [name],
  );
  const clear = useCallback(() => {
    clearDraft(name);
    setState({ name, value: '' });
  }, [name]);
  return [current, set, clear];
}
