import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/ARCHITECTURE.md names files so a reader can follow the code: every path it mentions must exist. A path is
// written from the repository root or, in the sections about one layer, from the folder that section is about.
const root = path.resolve(import.meta.dirname, '..');
const BASES = ['', 'server', 'server/features', 'web/src', 'web', 'shared'];
const PATH_LIKE = /^[\w.@-]+(\/[\w.@*<>-]+)*\/?$/;
const FILE_LIKE = /\.(ts|tsx|js|mjs|json|md|sql|csv|geojson|html|css)$/;

export function mentionedPaths(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? '');
  return [
    ...new Set(
      spans.filter(
        (s) =>
          s.includes('/') &&
          PATH_LIKE.test(s) &&
          !s.includes('*') &&
          !s.includes('<') &&
          (FILE_LIKE.test(s) || s.endsWith('/')) &&
          !s.startsWith('/'),
      ),
    ),
  ];
}

function exists(mentioned: string): boolean {
  return BASES.some((base) => existsSync(path.join(root, base, mentioned)));
}

// Names of things that exist only at run time: the widget's script URL and the lock file in the data folder.
const RUNTIME_NAMES = new Set(['embed.js', 'otklik.lock.json']);

function repositoryFileNames(dir: string): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.parentPath.includes('node_modules') && entry.isFile()) names.add(entry.name);
  }
  return names;
}

describe('docs/ARCHITECTURE.md', () => {
  const text = readFileSync(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');

  it('mentions only paths that exist in the repository', () => {
    const paths = mentionedPaths(text);
    expect(paths.length).toBeGreaterThan(50);
    expect(paths.filter((p) => !exists(p))).toEqual([]);
  });

  it('mentions only file names that exist somewhere in the repository', () => {
    const names = [...text.matchAll(/`([\w.-]+\.(?:ts|tsx|mjs|js|json|sql))`/g)].map((m) => m[1] ?? '');
    const known = new Set([
      ...['server', 'shared', 'web', 'bench', 'test', 'bin', 'eslint'].flatMap((d) => [
        ...repositoryFileNames(path.join(root, d)),
      ]),
      ...readdirSync(root),
    ]);
    expect(names.filter((n) => !known.has(n) && !RUNTIME_NAMES.has(n))).toEqual([]);
  });

  it('maps the message path from webhook to report with full paths that exist', () => {
    const section = text.split(/^## /m).find((s) => s.startsWith('Путь сообщения'));
    expect(section, 'a section «Путь сообщения»').toBeDefined();
    const paths = mentionedPaths(section ?? '');
    for (const step of ['webhook', 'intake', 'case', 'answer', 'review', 'rating', 'report']) {
      expect(section, step).toMatch(new RegExp(`\\*\\*${step}\\*\\*`));
    }
    expect(paths.filter((p) => !existsSync(path.join(root, p)))).toEqual([]);
  });
});
