// zod's own messages (a missing field, a number out of range, a wrong type) in Russian, on the server (the 400s of
// request validation carry them in `details`) and in the web app: `z.config` is global to the zod package.
// A union that lists its allowed values (a discriminated union's tags — `history[].type` of the import format — or a
// union of literals) says them as an enum does: «Неверный вариант: ожидалось одно из "status"|"answer"|…», where
// zod's Russian locale says only «Неверные входные данные».
import { config, locales, type core } from 'zod';

const russian = locales.ru().localeError;

const quoted = (values: readonly unknown[]): string =>
  values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join('|');

/** The allowed values of a failed union, when it has them: a discriminated union's tags or its literals. */
function unionOptions(issue: core.$ZodRawIssue): readonly unknown[] | null {
  if (issue.code !== 'invalid_union') return null;
  if ('options' in issue && Array.isArray(issue.options) && issue.options.length) return issue.options;
  // a union of literals: each branch failed with the one value it allows
  const values = issue.errors.flatMap((branch) => {
    const only = branch.length === 1 ? branch[0] : undefined;
    return only?.code === 'invalid_value' && only.path.length === 0 ? [only.values] : [];
  });
  return values.length > 0 && values.length === issue.errors.length ? values.flat() : null;
}

config({
  localeError: (issue) => {
    const options = unionOptions(issue);
    return options ? `Неверный вариант: ожидалось одно из ${quoted(options)}` : russian(issue);
  },
});
