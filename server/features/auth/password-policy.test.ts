import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it('refuses short passwords, the login, and common passwords with or without trailing digits', () => {
    expect(passwordProblem('Abc-12345', 'ivanov', 10)).toMatch(/не короче 10/);
    expect(passwordProblem('ivanov-ivanov-1', 'ivanov', 10)).toMatch(/логин/);
    for (const common of [
      'password1',
      'password123!',
      'qwertyuiop',
      'Qwerty2024!',
      'iloveyou12',
      '1111111111',
      'aaaaaaaaaaaa',
    ]) {
      expect(passwordProblem(common, 'user', 8), common).toMatch(/распространён/);
    }
  });
  it('accepts long unusual passwords, Cyrillic included, without composition rules', () => {
    for (const good of ['Пароль-2026', 'otklik-demo-2026', 'Checks-pass-2026!', 'синий трамвай идёт в депо']) {
      expect(passwordProblem(good, 'user', 10), good).toBeNull();
    }
  });
});

describe('sign-in configuration', () => {
  it('reads the roles that require a second factor, none, and refuses unknown roles', () => {
    expect(loadConfig({}).auth.totpRequiredRoles).toEqual(['admin', 'curator']);
    expect(loadConfig({ OTKLIK_TOTP_REQUIRED_ROLES: 'admin, operator' }).auth.totpRequiredRoles).toEqual([
      'admin',
      'operator',
    ]);
    expect(loadConfig({ OTKLIK_TOTP_REQUIRED_ROLES: 'none' }).auth.totpRequiredRoles).toEqual([]);
    expect(() => loadConfig({ OTKLIK_TOTP_REQUIRED_ROLES: 'admin,boss' })).toThrow(ConfigError);
    expect(() => loadConfig({ OTKLIK_PASSWORD_MIN_LENGTH: '6' })).toThrow(ConfigError);
  });
});
