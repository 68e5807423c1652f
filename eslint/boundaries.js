// Import boundaries between layers and features, checked by ESLint (rule `otklik/boundaries`).
// - shared/ is isomorphic: it imports nothing from server/ or web/;
// - web/src (the browser app) imports nothing from server/;
// - server/lib and server/db import no feature (types excepted);
// - a feature imports another feature only through its public modules: `index.ts` or a module listed in
//   PUBLIC_MODULES below (the other files of a feature are its internals).
import path from 'node:path';
import { PUBLIC_MODULES } from './public-modules.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const FEATURES = 'server/features/';

function relativeToRoot(file) {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

function featureOf(rel) {
  if (!rel.startsWith(FEATURES)) return null;
  return rel.slice(FEATURES.length).split('/')[0] ?? null;
}

function withoutExtension(rel) {
  return rel.replace(/\.(ts|tsx|js|mjs|json)$/, '');
}

export function boundaryViolation(fromFile, specifier, typeOnly = false) {
  if (!specifier.startsWith('.')) return null;
  const from = relativeToRoot(fromFile);
  const target = withoutExtension(relativeToRoot(path.resolve(path.dirname(fromFile), specifier)));
  if (from.startsWith('shared/') && (target.startsWith('server/') || target.startsWith('web/'))) {
    return 'shared/ не импортирует server/ и web/ (shared imports nothing from server or web)';
  }
  // The map's district borders are data (GeoJSON), loaded by the browser as a separate chunk.
  if (from.startsWith('web/src/') && target.startsWith('server/') && !specifier.endsWith('.json')) {
    return 'web/src не импортирует server/ (the browser app imports nothing from server)';
  }
  // Types are allowed: the services bag in server/lib/context.ts names the interfaces features implement.
  if (
    (from.startsWith('server/lib/') || from.startsWith('server/db/')) &&
    target.startsWith(FEATURES) &&
    !typeOnly &&
    !from.endsWith('.test.ts')
  ) {
    return 'server/lib и server/db не импортируют функции (lib and db import no feature)';
  }
  const source = featureOf(from);
  const feature = featureOf(target);
  if (!source || !feature || feature === source) return null;
  const module = target.slice(FEATURES.length + feature.length + 1);
  if (module === '' || module === 'index' || (PUBLIC_MODULES[feature] ?? []).includes(module)) return null;
  return `«${feature}/${module}» — внутренности функции ${feature}: импортируйте через её index.ts или объявите модуль публичным в eslint/public-modules.js`;
}

const rule = {
  meta: { type: 'problem', docs: { description: 'Import boundaries between layers and features' }, schema: [] },
  create(context) {
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string') return;
      const message = boundaryViolation(
        context.filename,
        specifier,
        node.importKind === 'type' || node.exportKind === 'type',
      );
      if (message) context.report({ node: node.source, message });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export const boundariesPlugin = { rules: { boundaries: rule } };

export const boundaryRules = [
  { files: ['**/*.ts', '**/*.tsx'], plugins: { otklik: boundariesPlugin }, rules: { 'otklik/boundaries': 'error' } },
];
