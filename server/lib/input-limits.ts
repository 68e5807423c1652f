// Limits every piece of client input shares, whatever the entry (HTTP body, query, path, import line): PostgreSQL
// refuses a NUL character in text and JSON, and a value nested thousands deep overflows the stack of whatever walks it.

/** Deeper than any message, label set or webhook payload a real client sends. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Why a parsed value cannot be accepted, in Russian, or null when it can: a NUL character in a string or a key
 * (the path is named), or nesting deeper than `maxDepth`. Walks without recursion, so any depth is safe to check.
 */
export function inputProblem(value: unknown, maxDepth = MAX_INPUT_DEPTH): string | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  while (stack.length) {
    const item = stack.pop()!;
    const v = item.value;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return `${item.path || 'значение'}: недопустимый символ NUL (\\u0000)`;
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (item.depth >= maxDepth) return `${item.path || 'значение'}: вложенность глубже ${maxDepth} уровней`;
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
    for (const [key, child] of entries) {
      const path = item.path ? `${item.path}.${key}` : key;
      if (key.includes('\u0000'))
        return `${path.replaceAll('\u0000', '\\u0000')}: недопустимый символ NUL (\\u0000) в имени поля`;
      stack.push({ value: child, depth: item.depth + 1, path });
    }
  }
  return null;
}
