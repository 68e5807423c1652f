import { dictionary } from '@zxcvbn-ts/language-common';

// The password policy (ASVS 5.0 §6.2): a minimum length, not the login, not a common password. No composition
// rules. The common list is the one @zxcvbn-ts/language-common ships (about 30,000 passwords seen most often in
// breaches); a password is refused when it, or it without trailing digits and punctuation, is on the list.
let common: ReadonlySet<string> | null = null;
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common'].map((w) => w.toLowerCase()));
  return common;
}

export function passwordProblem(password: string, login: string, minLength: number): string | null {
  const length = [...password].length;
  if (length < minLength) return `Пароль должен быть не короче ${minLength} символов`;
  if (length > 200) return 'Пароль должен быть не длиннее 200 символов';
  const lower = password.toLowerCase();
  const name = login.trim().toLowerCase();
  if (name && (lower === name || (name.length >= 4 && lower.includes(name)))) return 'Пароль не должен содержать логин';
  const stem = lower.replace(/[\d\s!@#$%^&*().,_+=-]+$/u, '');
  if (commonPasswords().has(lower) || commonPasswords().has(stem) || new Set(lower).size < 4) {
    return 'Этот пароль слишком распространён: такие подбирают первыми. Выберите другой';
  }
  return null;
}
