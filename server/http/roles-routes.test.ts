import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, isBlockScoped, roleCan, type Permission, type Role } from '../../shared/auth/roles';
import { addUser } from '../features/auth/users';
import { receiveMessage } from '../features/intake/receive-message';
import { rootContext, SYSTEM_ACTOR } from '../lib/context';
import { createTestAnalyzer } from '../test/test-analyzer';
import { createTestServices, type TestServices } from '../test/test-services';
import { defaultSettings } from '../features/notifications/preferences';
import { buildApp } from './app';

// Every route of the API, with what it demands. A route added without a line here fails the first test.
// 'integration': only an integration token may call it, so every user gets 403.
type Need = 'public' | 'user' | 'integration' | Permission;
interface RouteCase {
  method: string;
  url: string;
  need: Need;
  body?: (caseId: string) => object;
  query?: string;
}
// Path parameters other than :id get a fixed value: the month of the report routes, a document's file and signature,
// a rating criteria set, a block of the administration's settings.
const withParams = (url: string, id: string): string =>
  url
    .replace(':id', id)
    .replace(':month', '2026-10')
    .replace(':format', 'pdf')
    .replace(':signatureId', '1')
    .replace(':set', 'rating')
    .replace(':block', 'roads');
const ROUTES: RouteCase[] = [
  { method: 'GET', url: '/api/health', need: 'public' },
  { method: 'GET', url: '/api/health/ready', need: 'public' },
  { method: 'POST', url: '/api/deliveries/retry-failed', need: 'cases.triage' },
  { method: 'GET', url: '/api/notifications', need: 'user' },
  { method: 'GET', url: '/api/notifications/unread-count', need: 'user' },
  { method: 'POST', url: '/api/notifications/read', need: 'user', body: () => ({ all: true }) },
  { method: 'GET', url: '/api/notifications/preferences', need: 'user' },
  { method: 'PUT', url: '/api/notifications/preferences', need: 'user', body: () => defaultSettings() },
  { method: 'POST', url: '/api/notifications/telegram-link', need: 'user' },
  { method: 'DELETE', url: '/api/notifications/telegram-link', need: 'user' },
  { method: 'GET', url: '/api/openapi.json', need: 'public' },
  { method: 'POST', url: '/api/auth/login', need: 'public', body: () => ({ login: 'nobody', password: 'x' }) },
  { method: 'POST', url: '/api/auth/logout', need: 'public' },
  { method: 'GET', url: '/api/auth/me', need: 'user' },
  { method: 'GET', url: '/api/auth/session', need: 'public' },
  {
    method: 'POST',
    url: '/api/auth/password',
    need: 'user',
    body: () => ({ current: 'не тот пароль', next: 'Новый пароль 2026' }),
  },
  { method: 'POST', url: '/api/auth/totp/setup', need: 'user' },
  { method: 'POST', url: '/api/auth/totp/confirm', need: 'user', body: () => ({ code: 'не код' }) },
  { method: 'POST', url: '/api/auth/totp/disable', need: 'user' },
  { method: 'GET', url: '/api/auth/failures', need: 'security.audit' },
  { method: 'POST', url: '/api/users/:login/deactivate', need: 'users.manage' },
  { method: 'GET', url: '/api/tokens', need: 'tokens.manage' },
  { method: 'GET', url: '/api/admin/users', need: 'users.manage' },
  {
    method: 'POST',
    url: '/api/admin/users',
    need: 'users.manage',
    body: () => ({
      login: `u${Math.floor(Math.random() * 1e9)}`,
      fullName: 'Новый сотрудник',
      password: 'Пароль-для-проверки-2026',
      role: 'operator',
    }),
  },
  { method: 'PATCH', url: '/api/admin/users/:id', need: 'users.manage', body: () => ({ fullName: 'Другое имя' }) },
  {
    method: 'POST',
    url: '/api/admin/users/:id/password',
    need: 'users.manage',
    body: () => ({ password: 'Новый-пароль-2026-проверка' }),
  },
  { method: 'GET', url: '/api/admin/categories', need: 'reference.manage' },
  { method: 'PATCH', url: '/api/admin/categories/:id', need: 'reference.manage', body: () => ({ active: true }) },
  { method: 'GET', url: '/api/admin/changes', need: 'audit.read' },
  { method: 'GET', url: '/api/admin/held-organisations', need: 'reference.manage' },
  { method: 'GET', url: '/api/admin/organisations', need: 'reference.manage' },
  {
    method: 'POST',
    url: '/api/admin/organisations',
    need: 'reference.manage',
    body: () => ({ name: `Организация ${Math.random()}`, kind: 'other' }),
  },
  { method: 'PATCH', url: '/api/admin/organisations/:id', need: 'reference.manage', body: () => ({ active: true }) },
  { method: 'GET', url: '/api/admin/routing-rules', need: 'reference.manage' },
  {
    method: 'POST',
    url: '/api/admin/routing-rules',
    need: 'reference.manage',
    body: () => ({
      block: 'roads',
      category: null,
      municipality: 'uglich',
      target: 'municipal_admin',
      organisationId: null,
    }),
  },
  { method: 'DELETE', url: '/api/admin/routing-rules/:id', need: 'reference.manage' },
  { method: 'GET', url: '/api/admin/deadline-policies', need: 'reference.manage' },
  {
    method: 'POST',
    url: '/api/admin/deadline-policies',
    need: 'reference.manage',
    body: () => ({
      channel: 'phone',
      block: 'roads',
      category: `c${Math.random()}`,
      firstResponse: { amount: 1, unit: 'working_days' },
      finalAnswer: { amount: 5, unit: 'working_days' },
    }),
  },
  {
    method: 'PUT',
    url: '/api/admin/deadline-policies/:id',
    need: 'reference.manage',
    body: () => ({
      channel: 'phone',
      block: null,
      category: null,
      firstResponse: { amount: 1, unit: 'working_days' },
      finalAnswer: { amount: 5, unit: 'working_days' },
    }),
  },
  { method: 'DELETE', url: '/api/admin/deadline-policies/:id', need: 'reference.manage' },
  { method: 'GET', url: '/api/admin/keyword-sets', need: 'reference.manage' },
  {
    method: 'PUT',
    url: '/api/admin/keyword-sets/:block',
    need: 'reference.manage',
    body: () => ({ keywords: ['яма на дороге'], active: true }),
  },
  { method: 'GET', url: '/api/admin/workload-norms', need: 'reference.manage' },
  {
    method: 'PUT',
    url: '/api/admin/workload-norms/:block',
    need: 'reference.manage',
    body: () => ({ minutesPerMessage: 10, minutesPerAnswer: 20, hoursPerStaffMonth: 160 }),
  },
  { method: 'GET', url: '/api/admin/channels', need: 'reference.manage' },
  {
    method: 'POST',
    url: '/api/tokens',
    need: 'tokens.manage',
    body: () => ({ name: 'Проверка ролей', scopes: ['messages:web'] }),
  },
  { method: 'POST', url: '/api/tokens/:id/revoke', need: 'tokens.manage' },
  { method: 'GET', url: '/api/reference', need: 'user' },
  {
    method: 'POST',
    url: '/api/messages',
    need: 'cases.triage',
    body: () => ({ channel: 'phone', externalId: `call-${Math.random()}`, text: 'Звонок: в Угличе яма на дороге' }),
  },
  { method: 'GET', url: '/api/cases', need: 'cases.read' },
  { method: 'GET', url: '/api/cases/facets', need: 'cases.read' },
  { method: 'GET', url: '/api/cases/counters', need: 'cases.read' },
  {
    method: 'POST',
    url: '/api/cases/bulk',
    need: 'cases.triage',
    body: () => ({ action: 'send_to_triage', ids: ['999999999'] }),
  },
  { method: 'GET', url: '/api/cases/:id/triage-explanation', need: 'cases.read' },
  { method: 'GET', url: '/api/me/settings/inbox', need: 'user' },
  {
    method: 'PUT',
    url: '/api/me/settings/inbox',
    need: 'user',
    body: () => ({ columns: ['status'], density: 'compact' }),
  },
  { method: 'GET', url: '/api/cases/:id', need: 'cases.read' },
  { method: 'GET', url: '/api/attachments/:id', need: 'cases.read' },
  { method: 'GET', url: '/api/attachments/:id/thumbnail', need: 'cases.read' },
  {
    method: 'POST',
    url: '/api/cases/:id/answers',
    need: 'cases.answer',
    body: () => ({ kind: 'interim', body: 'Обращение принято в работу, выезд 27.11.2026.' }),
  },
  { method: 'POST', url: '/api/cases/:id/review', need: 'cases.review', body: () => ({ decision: 'accept' }) },
  { method: 'POST', url: '/api/cases/:id/rating', need: 'cases.rate', body: () => ({ score: 5 }) },
  {
    method: 'POST',
    url: '/api/cases/:id/reassign',
    need: 'cases.triage',
    body: () => ({ organisationId: 1, reason: 'по компетенции' }),
  },
  {
    method: 'POST',
    url: '/api/cases/:id/classification',
    need: 'cases.triage',
    body: () => ({ block: 'roads', category: 'potholes' }),
  },
  { method: 'POST', url: '/api/cases/:id/reject', need: 'cases.triage', body: () => ({ reason: 'spam' }) },
  {
    method: 'POST',
    url: '/api/cases/:id/extension',
    need: 'cases.extend',
    body: () => ({ days: 10, reason: 'нужна экспертиза' }),
  },
  { method: 'POST', url: '/api/cases/:id/transitions', need: 'cases.answer', body: () => ({ action: 'take' }) },
  { method: 'POST', url: '/api/cases/:id/deliveries/retry', need: 'cases.triage' },
  { method: 'GET', url: '/api/cases/:id/duplicates', need: 'cases.triage' },
  // a file of a case the user may see, or 404 (here: no such file)
  { method: 'POST', url: '/api/cases/:id/merge', need: 'cases.triage', body: () => ({ sourceId: '10000001' }) },
  { method: 'POST', url: '/api/cases/:id/split', need: 'cases.triage', body: () => ({ messageId: '1' }) },
  { method: 'GET', url: '/api/classifier/models', need: 'reference.manage' },
  { method: 'POST', url: '/api/classifier/models', need: 'reference.manage', body: () => ({}) },
  { method: 'POST', url: '/api/classifier/models/:id/activate', need: 'reference.manage' },
  { method: 'GET', url: '/api/classifier/drift', need: 'reference.manage' },
  { method: 'GET', url: '/api/clusters?block=tko&from=2026-11-01&to=2026-11-30', need: 'analytics.read' },
  {
    method: 'POST',
    url: '/api/clusters',
    need: 'reference.manage',
    body: (caseId) => ({
      block: 'tko',
      code: `cl${Date.now() % 100000}${Math.floor(Math.random() * 1000)}`,
      name: 'Новая проблема',
      caseIds: [caseId || '10000001'],
    }),
  },
  {
    method: 'POST',
    url: '/api/reference/organisations',
    need: 'reference.manage',
    body: () => ({ name: `Организация ${Math.random()}`, kind: 'other' }),
  },
  {
    method: 'POST',
    url: '/api/reference/categories',
    need: 'reference.manage',
    body: () => ({
      block: 'roads',
      code: `c${Date.now() % 100000}${Math.floor(Math.random() * 1000)}`,
      name: 'Новая категория',
    }),
  },
  {
    method: 'POST',
    url: '/api/reference/routing-rules',
    need: 'reference.manage',
    body: () => ({
      block: 'roads',
      category: null,
      municipality: 'uglich',
      target: 'municipal_admin',
      organisationId: null,
    }),
  },
  { method: 'DELETE', url: '/api/reference/routing-rules/:id', need: 'reference.manage' },
  { method: 'GET', url: '/api/publication-policies', need: 'reference.manage' },
  {
    method: 'PUT',
    url: '/api/publication-policies',
    need: 'reference.manage',
    body: () => ({ channel: 'social_ok', mode: 'control' }),
  },
  { method: 'DELETE', url: '/api/publication-policies/:id', need: 'reference.manage' },
  { method: 'GET', url: '/api/reference/organisation-aliases', need: 'reference.manage' },
  {
    method: 'POST',
    url: '/api/reference/organisation-aliases',
    need: 'reference.manage',
    body: () => ({ alias: `Псевдоним ${Math.random()}`, organisationId: 1 }),
  },
  { method: 'DELETE', url: '/api/reference/organisation-aliases/:id', need: 'reference.manage' },
  { method: 'GET', url: '/api/analytics/ratings', need: 'analytics.read' },
  { method: 'GET', url: '/api/analytics/volumes', need: 'analytics.read' },
  { method: 'GET', url: '/api/analytics/series', need: 'analytics.read' },
  { method: 'GET', url: '/api/analytics/spikes', need: 'analytics.read' },
  // the map's points: the same visibility as the case list (an executor gets its organisation's cases)
  { method: 'GET', url: '/api/analytics/points', need: 'cases.read' },
  { method: 'GET', url: '/api/analytics/problem-categories', need: 'analytics.read' },
  {
    method: 'POST',
    url: '/api/analytics/problem-categories',
    need: 'reports.approve',
    body: () => ({ block: 'roads', categories: ['potholes', 'x', 'y'], from: '2026-11-01', to: '2026-11-30' }),
  },
  { method: 'GET', url: '/api/analytics/workload', need: 'analytics.read' },
  { method: 'GET', url: '/api/kpi', need: 'analytics.read' },
  { method: 'GET', url: '/api/kpi/:id', need: 'analytics.read' },
  {
    method: 'POST',
    url: '/api/kpi',
    need: 'kpi.manage',
    body: () => ({
      code: `k_${Math.floor(Math.random() * 1e9)}`,
      kind: 'additional',
      title: 'Новый показатель',
      direction: 'up',
      formula: null,
      deadline: '2026-12-31',
      targets: [{ year: 2026, target: 1 }],
    }),
  },
  {
    method: 'PUT',
    url: '/api/kpi/:id',
    need: 'kpi.manage',
    body: () => ({
      code: `k_${Math.floor(Math.random() * 1e9)}`,
      kind: 'additional',
      title: 'Новый показатель',
      direction: 'up',
      formula: null,
      deadline: '2026-12-31',
      targets: [{ year: 2026, target: 1 }],
    }),
  },
  { method: 'POST', url: '/api/kpi/:id/values', need: 'kpi.manage', body: () => ({ onDate: '2026-11-01', value: 3 }) },
  { method: 'GET', url: '/api/reports', need: 'analytics.read' },
  { method: 'POST', url: '/api/reports/:month/generate', need: 'reports.edit' },
  { method: 'GET', url: '/api/reports/:month', need: 'analytics.read' },
  { method: 'GET', url: '/api/reports/:month/file', need: 'analytics.read', query: '?format=pdf' },
  {
    method: 'POST',
    url: '/api/reports/:month/conclusions',
    need: 'reports.edit',
    body: () => ({ conclusions: 'Выводы' }),
  },
  { method: 'POST', url: '/api/reports/:month/agree', need: 'reports.agree' },
  { method: 'POST', url: '/api/reports/:month/approve', need: 'reports.approve' },
  { method: 'GET', url: '/api/documents', need: 'analytics.read' },
  { method: 'GET', url: '/api/documents/:id/files/:format', need: 'analytics.read' },
  {
    method: 'POST',
    url: '/api/documents/:id/signatures',
    need: 'reports.approve',
    body: () => ({ fileName: 'a.p7s', contentBase64: 'MA==' }),
  },
  { method: 'GET', url: '/api/documents/:id/signatures/:signatureId', need: 'analytics.read' },
  { method: 'POST', url: '/api/documents/indicator-set', need: 'reports.approve', body: () => ({ year: 2026 }) },
  { method: 'GET', url: '/api/audit', need: 'audit.read', query: '?case=1' },
  { method: 'GET', url: '/api/personal-data/erasures', need: 'audit.read' },
  {
    method: 'POST',
    url: '/api/personal-data/erasures',
    need: 'personal_data.erase',
    body: () => ({ caseId: '10000001', reason: 'Заявление гражданина' }),
  },
  { method: 'GET', url: '/api/public-pages', need: 'analytics.read' },
  {
    method: 'POST',
    url: '/api/public-pages',
    need: 'comms.manage',
    body: () => ({
      organisationId: 1,
      network: 'vk',
      url: `https://vk.com/page${Math.floor(Math.random() * 1e9)}`,
      title: 'Страница',
      category: 'card',
      postingNorm: 3,
    }),
  },
  { method: 'GET', url: '/api/public-pages/:id', need: 'analytics.read' },
  {
    method: 'PUT',
    url: '/api/public-pages/:id',
    need: 'comms.manage',
    body: () => ({
      organisationId: 1,
      network: 'vk',
      url: `https://vk.com/page${Math.floor(Math.random() * 1e9)}`,
      title: 'Страница',
      category: 'card',
      postingNorm: 3,
    }),
  },
  {
    method: 'POST',
    url: '/api/public-pages/:id/checks',
    need: 'comms.manage',
    body: () => ({ element: 'gov_mark', passed: true, checkedOn: '2026-01-10', evidence: 'снимок экрана' }),
  },
  {
    method: 'POST',
    url: '/api/public-pages/weeks/import',
    need: 'comms.manage',
    body: () => ({
      fileName: 'w.csv',
      contentBase64: Buffer.from(
        'Страница;Неделя;Публикации;Просмотры;Комментарии;Подписчики;Отвечено\nhttps://vk.com/none;05.10.2026;1;1;0;1;0\n',
      ).toString('base64'),
    }),
  },
  {
    method: 'POST',
    url: '/api/public-pages/weeks',
    need: 'integration',
    body: () => ({
      weeks: [
        {
          url: 'https://vk.com/none',
          weekStart: '2026-10-05',
          posts: 1,
          views: 1,
          comments: 0,
          subscribers: 1,
          answeredComments: 0,
        },
      ],
    }),
  },
  { method: 'GET', url: '/api/public-pages/ratings', need: 'analytics.read', query: '?from=2026-10-01&to=2026-10-31' },
  { method: 'GET', url: '/api/public-pages/criteria/:set', need: 'analytics.read' },
  {
    method: 'PUT',
    url: '/api/public-pages/criteria/:set',
    need: 'comms.manage',
    body: () => ({ items: [{ metric: 'posting', title: 'Публикации', points: 100, target: null }] }),
  },
  { method: 'GET', url: '/api/votes', need: 'analytics.read' },
  {
    method: 'POST',
    url: '/api/votes',
    need: 'comms.manage',
    body: () => ({
      kind: 'hearing',
      title: 'Слушания',
      municipalityCode: 'uglich',
      startsOn: '2026-10-01',
      endsOn: '2026-10-02',
    }),
  },
  { method: 'GET', url: '/api/votes/:id', need: 'analytics.read' },
  {
    method: 'PUT',
    url: '/api/votes/:id',
    need: 'comms.manage',
    body: () => ({
      kind: 'hearing',
      title: 'Слушания',
      municipalityCode: 'uglich',
      startsOn: '2026-10-01',
      endsOn: '2026-10-02',
    }),
  },
  {
    method: 'POST',
    url: '/api/votes/import',
    need: 'comms.manage',
    body: () => ({
      fileName: 'v.csv',
      contentBase64: Buffer.from(
        'Вид;Название;Муниципалитет;Начало\nПубличные слушания;Генплан;Углич;01.10.2026\n',
      ).toString('base64'),
    }),
  },
  { method: 'GET', url: '/api/media', need: 'analytics.read' },
  {
    method: 'POST',
    url: '/api/media',
    need: 'comms.manage',
    body: () => ({ kind: 'outlet', name: `Газета ${Math.random()}` }),
  },
  { method: 'GET', url: '/api/media/mentions', need: 'analytics.read', query: '?case=1' },
  { method: 'GET', url: '/api/media/:id', need: 'analytics.read' },
  {
    method: 'PUT',
    url: '/api/media/:id',
    need: 'comms.manage',
    body: () => ({ kind: 'outlet', name: `Газета ${Math.random()}` }),
  },
  {
    method: 'POST',
    url: '/api/media/:id/interactions',
    need: 'comms.manage',
    body: () => ({ kind: 'request', happenedOn: '2026-01-10', topic: 'Запрос о ремонте' }),
  },
  {
    method: 'POST',
    url: '/api/media/import',
    need: 'comms.manage',
    body: () => ({
      fileName: 'm.csv',
      contentBase64: Buffer.from('Тип;Название\nСМИ;Газета из файла\n').toString('base64'),
    }),
  },
  // the practices library is searched from the answer work: every user who reads cases reads it
  { method: 'GET', url: '/api/practices', need: 'cases.read', query: '?q=двор' },
  { method: 'GET', url: '/api/campaigns', need: 'analytics.read' },
  {
    method: 'POST',
    url: '/api/campaigns',
    need: 'comms.manage',
    body: () => ({
      title: 'Кампания',
      goal: 'Рассказать о ремонте',
      municipalityCodes: ['uglich'],
      startsOn: '2026-10-01',
      channels: [{ kind: 'vk_wall' }],
      posts: [{ publishOn: '2026-10-01', text: 'Текст' }],
    }),
  },
  { method: 'GET', url: '/api/campaigns/:id', need: 'analytics.read' },
  {
    method: 'PUT',
    url: '/api/campaigns/:id',
    need: 'comms.manage',
    body: () => ({
      title: 'Кампания',
      goal: 'Рассказать о ремонте',
      municipalityCodes: ['uglich'],
      startsOn: '2026-10-01',
      channels: [{ kind: 'vk_wall' }],
      posts: [{ publishOn: '2026-10-01', text: 'Текст' }],
    }),
  },
  { method: 'POST', url: '/api/campaigns/:id/submit', need: 'comms.manage' },
  { method: 'POST', url: '/api/campaigns/:id/approve', need: 'campaigns.approve', body: () => ({}) },
  {
    method: 'POST',
    url: '/api/campaigns/:id/return',
    need: 'campaigns.approve',
    body: () => ({ comment: 'Уточнить цель' }),
  },
  { method: 'POST', url: '/api/campaigns/:id/publish', need: 'comms.manage' },
  {
    method: 'POST',
    url: '/api/campaigns/publications/:id/done',
    need: 'comms.manage',
    body: () => ({ url: 'https://vk.com/wall-1_1' }),
  },
  {
    method: 'POST',
    url: '/api/campaigns/:id/reach',
    need: 'comms.manage',
    body: () => ({ items: [{ municipalityCode: 'uglich', channel: 'VK', reach: 10, recordedOn: '2026-10-02' }] }),
  },
  {
    method: 'POST',
    url: '/api/campaigns/:id/reach/import',
    need: 'comms.manage',
    body: () => ({
      fileName: 'r.csv',
      contentBase64: Buffer.from('Муниципалитет;Канал;Охват;Дата\nУглич;VK;10;02.10.2026\n').toString('base64'),
    }),
  },
  {
    method: 'POST',
    url: '/api/practices',
    need: 'comms.manage',
    body: () => ({ title: 'Практика', problem: 'Проблема', solution: 'Решение' }),
  },
  {
    method: 'PUT',
    url: '/api/practices/:id',
    need: 'comms.manage',
    body: () => ({ title: 'Практика', problem: 'Проблема', solution: 'Решение' }),
  },
  { method: 'GET', url: '/api/recommendations', need: 'analytics.read' },
  {
    method: 'POST',
    url: '/api/recommendations',
    need: 'comms.manage',
    body: () => ({ organisationId: 1, text: 'Рекомендация', ownerName: 'Иванов', dueOn: '2026-12-31' }),
  },
  {
    method: 'POST',
    url: '/api/recommendations/:id/follow-up',
    need: 'comms.manage',
    body: () => ({ status: 'done', note: 'Исполнено' }),
  },
  // seminars: every user who reads cases sees the plan (an executor: their organisation's); the comms roles plan them
  { method: 'GET', url: '/api/seminars', need: 'cases.read', query: '?year=2026' },
  { method: 'GET', url: '/api/seminars/trained', need: 'cases.read' },
  {
    method: 'POST',
    url: '/api/seminars',
    need: 'comms.manage',
    body: () => ({ topic: 'Семинар', date: '2026-12-01', time: '10:00', format: 'online', trainers: 'Иванов' }),
  },
  { method: 'GET', url: '/api/seminars/:id', need: 'cases.read' },
  {
    method: 'PUT',
    url: '/api/seminars/:id',
    need: 'comms.manage',
    body: () => ({ topic: 'Семинар', date: '2026-12-01', time: '10:00', format: 'online', trainers: 'Иванов' }),
  },
  { method: 'GET', url: '/api/seminars/:id/candidates', need: 'comms.manage' },
  {
    method: 'POST',
    url: '/api/seminars/:id/participants',
    need: 'comms.manage',
    body: () => ({ people: [{ organisationId: 1, personName: 'Иванов' }] }),
  },
  {
    method: 'POST',
    url: '/api/seminars/:id/attendance',
    need: 'comms.manage',
    body: () => ({ items: [{ participantId: 1, attended: true }] }),
  },
  {
    method: 'POST',
    url: '/api/seminars/:id/materials',
    need: 'comms.manage',
    body: () => ({ kind: 'link', title: 'Запись', url: 'https://example.org/x' }),
  },
  { method: 'GET', url: '/api/seminar-materials/:id/file', need: 'cases.read' },
  // the knowledge base is searched from the answer form by everyone who reads cases and kept by the comms roles
  { method: 'GET', url: '/api/knowledge/search', need: 'cases.read', query: '?q=двор' },
  { method: 'GET', url: '/api/knowledge', need: 'analytics.read' },
  { method: 'GET', url: '/api/knowledge/sources', need: 'comms.manage' },
  {
    method: 'POST',
    url: '/api/knowledge',
    need: 'comms.manage',
    body: () => ({ title: 'Образец', body: 'Текст образца ответа' }),
  },
  {
    method: 'PUT',
    url: '/api/knowledge/:id',
    need: 'comms.manage',
    body: () => ({ title: 'Образец', body: 'Текст образца ответа' }),
  },
  // the project office: reads need projects.read; each step belongs to the roles of its chain, so the checks here
  // reach "not found" (no project, risk or document with that id) or "no such block" once the permission is passed
  { method: 'GET', url: '/api/projects', need: 'projects.read' },
  {
    method: 'POST',
    url: '/api/projects',
    need: 'projects.read',
    body: () => ({ blockCode: 'no_such_block', passport: { name: 'Проект', goals: ['Цель'] } }),
  },
  { method: 'GET', url: '/api/projects/:id', need: 'projects.read' },
  {
    method: 'PUT',
    url: '/api/projects/:id/passport',
    need: 'projects.read',
    body: () => ({ passport: { name: 'Проект', goals: ['Цель'] } }),
  },
  ...(['submit', 'agree', 'approve', 'return'] as const).map((a) => ({
    method: 'POST',
    url: `/api/projects/:id/passport/${a}`,
    need: 'projects.read' as const,
    body: () => ({ comment: 'Комментарий' }),
  })),
  { method: 'GET', url: '/api/projects/:id/progress', need: 'projects.read' },
  {
    method: 'POST',
    url: '/api/projects/:id/facts',
    need: 'projects.read',
    body: () => ({ indicatorCode: 'x', year: 2026, month: 1, value: 1 }),
  },
  { method: 'GET', url: '/api/risks', need: 'projects.read' },
  {
    method: 'POST',
    url: '/api/projects/:id/risks',
    need: 'projects.read',
    body: () => ({ title: 'Риск', probability: 2, impact: 2, owner: 'Иванов' }),
  },
  {
    method: 'POST',
    url: '/api/risks/:id/assess',
    need: 'projects.read',
    body: () => ({ decision: 'accept', probability: 2, impact: 2 }),
  },
  {
    method: 'POST',
    url: '/api/risks/:id/measures',
    need: 'projects.read',
    body: () => ({ text: 'Мера', dueDate: '2026-12-01' }),
  },
  { method: 'POST', url: '/api/risks/:id/measures/done', need: 'projects.read', body: () => ({ measureId: 1 }) },
  { method: 'POST', url: '/api/risks/:id/close', need: 'projects.read', body: () => ({ comment: 'Итог' }) },
  { method: 'POST', url: '/api/risks/:id/escalate', need: 'projects.read', body: () => ({ comment: 'Нужна помощь' }) },
  { method: 'GET', url: '/api/centre/structure', need: 'projects.read' },
  {
    method: 'POST',
    url: '/api/centre/assignments',
    need: 'projects.read',
    body: () => ({ person: 'Иванов', role: 'block_owner', blockCode: 'no_such_block', fromDate: '2026-01-01' }),
  },
  {
    method: 'POST',
    url: '/api/centre/assignments/:id/end',
    need: 'projects.read',
    body: () => ({ toDate: '2026-12-31' }),
  },
  { method: 'GET', url: '/api/po-documents', need: 'projects.read' },
  {
    method: 'POST',
    url: '/api/po-documents',
    need: 'projects.read',
    body: () => ({
      type: 'group',
      blockCode: 'no_such_block',
      content: { name: 'Группа', kind: 'working', members: [{ name: 'Иванов' }] },
    }),
  },
  { method: 'GET', url: '/api/po-documents/:id', need: 'projects.read' },
  { method: 'PUT', url: '/api/po-documents/:id', need: 'projects.read', body: () => ({ content: {} }) },
  ...(['submit', 'agree', 'approve', 'return'] as const).map((a) => ({
    method: 'POST',
    url: `/api/po-documents/:id/${a}`,
    need: 'projects.read' as const,
    body: () => ({ comment: 'Комментарий' }),
  })),
  // working groups, the roadmap: the chain's roles act (checked by their own tests); here the ids do not exist
  { method: 'GET', url: '/api/groups', need: 'projects.read' },
  { method: 'GET', url: '/api/groups/:id', need: 'projects.read' },
  {
    method: 'POST',
    url: '/api/groups/:id/meetings',
    need: 'projects.read',
    body: () => ({ heldOn: '2026-11-20', agenda: 'Повестка' }),
  },
  {
    method: 'POST',
    url: '/api/groups/meetings/:id/decisions',
    need: 'projects.read',
    body: () => ({ text: 'Решение', owner: 'Иванов', dueDate: '2026-12-01' }),
  },
  { method: 'POST', url: '/api/groups/decisions/:id/status', need: 'projects.read', body: () => ({ status: 'done' }) },
  { method: 'POST', url: '/api/groups/meetings/:id/protocol', need: 'projects.read', body: () => ({}) },
  ...(['submit', 'approve', 'return'] as const).map((a) => ({
    method: 'POST',
    url: `/api/groups/protocols/:id/${a}`,
    need: 'projects.read' as const,
    body: () => ({ comment: 'Комментарий' }),
  })),
  { method: 'GET', url: '/api/roadmap', need: 'projects.read' },
  { method: 'POST', url: '/api/roadmap', need: 'projects.read', body: () => ({ year: 2020 }) },
  { method: 'GET', url: '/api/roadmap/:id', need: 'projects.read' },
  {
    method: 'PUT',
    url: '/api/roadmap/:id',
    need: 'projects.read',
    body: () => ({ items: [{ measure: 'Мероприятие', owner: 'Иванов', dueDate: '2026-12-01' }] }),
  },
  ...(['submit', 'agree', 'approve', 'return'] as const).map((a) => ({
    method: 'POST',
    url: `/api/roadmap/:id/${a}`,
    need: 'projects.read' as const,
    body: () => ({ comment: 'Комментарий' }),
  })),
  { method: 'GET', url: '/api/kpi/targets', need: 'analytics.read' },
  { method: 'GET', url: '/api/kpi/:id/scopes', need: 'analytics.read' },
  {
    method: 'POST',
    url: '/api/kpi/:id/scope-targets',
    need: 'kpi.manage',
    body: () => ({ blockCode: 'no_such_block', year: 2026, target: 1 }),
  },
  {
    method: 'POST',
    url: '/api/kpi/:id/scope-values',
    need: 'kpi.manage',
    body: () => ({ blockCode: 'no_such_block', onDate: '2026-11-01', value: 1 }),
  },
  {
    method: 'POST',
    url: '/api/kpi/:id/evidence',
    need: 'kpi.manage',
    body: () => ({ projectId: 999999, result: 'Результат' }),
  },
  { method: 'POST', url: '/api/kpi/:id/evidence/remove', need: 'kpi.manage', body: () => ({ evidenceId: 999999 }) },
  // progress reports, change requests, consolidated plans: reads need projects.read, each step its chain's roles
  { method: 'GET', url: '/api/projects/:id/plan-documents', need: 'projects.read' },
  { method: 'GET', url: '/api/projects/:id/passport-versions', need: 'projects.read' },
  {
    method: 'POST',
    url: '/api/projects/:id/progress-reports',
    need: 'projects.read',
    body: () => ({ period: { kind: 'month', year: 2026, number: 1 } }),
  },
  {
    method: 'POST',
    url: '/api/projects/:id/change-requests',
    need: 'projects.read',
    body: () => ({ reason: 'Причина', passport: { name: 'Проект', goals: ['Цель'] } }),
  },
  { method: 'GET', url: '/api/consolidated-plans', need: 'projects.read' },
  {
    method: 'POST',
    url: '/api/consolidated-plans',
    need: 'projects.read',
    body: () => ({
      blockCode: 'no_such_block',
      topic: 'Тема',
      year: 2026,
      items: [{ kind: 'measure', title: 'М', date: '2026-01-01' }],
    }),
  },
  { method: 'GET', url: '/api/plan-documents/:id', need: 'projects.read' },
  { method: 'PUT', url: '/api/plan-documents/:id', need: 'projects.read', body: () => ({ content: {} }) },
  {
    method: 'POST',
    url: '/api/plan-documents/:id/measures',
    need: 'projects.read',
    body: () => ({ title: 'М', doneDate: '2026-01-01' }),
  },
  ...(['submit', 'agree', 'approve', 'return'] as const).map((a) => ({
    method: 'POST',
    url: `/api/plan-documents/:id/${a}`,
    need: 'projects.read' as const,
    body: () => ({ comment: 'Комментарий' }),
  })),
  {
    method: 'POST',
    url: '/api/analytics/workload/norms',
    need: 'reference.manage',
    body: () => ({ block: 'roads', minutesPerMessage: 15, minutesPerAnswer: 30, hoursPerStaffMonth: 160 }),
  },
];

let services: TestServices;
let app: FastifyInstance;
let organisation: string;

beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
  app = await buildApp(services);
  const ctx = rootContext(services, SYSTEM_ACTOR);
  const first = await receiveMessage(ctx, {
    channel: 'web',
    externalId: 'roles-0',
    text: 'В Угличе огромная яма на дороге',
  });
  organisation = first.result.organisation ?? '';
  for (const role of ROLES) {
    // the cases below are about roads: block roles of that block act on them, the same roles of ЖКХ only read them
    await addUser(ctx, {
      login: `r_${role}`,
      password: 'Пароль-2026',
      role,
      ...(role === 'executor' ? { organisation } : {}),
      ...(isBlockScoped(role) ? { block: 'roads' } : {}),
    });
    if (isBlockScoped(role))
      await addUser(ctx, { login: `zhkh_${role}`, password: 'Пароль-2026', role, block: 'zhkh' });
  }
});
afterAll(async () => {
  await app.close();
  await services.close();
});

async function session(role: Role): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: `r_${role}`, password: 'Пароль-2026' },
  });
  return `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
}

let n = 0;
async function freshCase(): Promise<string> {
  n++;
  const r = await receiveMessage(rootContext(services, SYSTEM_ACTOR), {
    channel: 'web',
    externalId: `roles-${n}`,
    text: `В Угличе яма на дороге у дома ${n}`,
  });
  return r.result.caseId;
}

describe('every role over every route', () => {
  it('the table names every API route of the OpenAPI document', async () => {
    await app.ready();
    const paths = (app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    const documented = Object.entries(paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(documented.length).toBeGreaterThan(15);
    for (const route of documented) {
      expect(
        ROUTES.some((r) => `${r.method} ${r.url.split('?')[0]}` === route),
        `${route} is not in the roles table`,
      ).toBe(true);
    }
  });

  it.each(ROLES)('%s gets exactly what the role allows, and never a server error', async (role) => {
    const cookie = await session(role);
    // login and logout are exercised by the sign-in tests; logging out here would end the session under test
    for (const route of ROUTES.filter((r) => !r.url.startsWith('/api/auth/log'))) {
      const caseId = route.url.includes(':id')
        ? route.url.includes('routing-rules')
          ? '999999'
          : await freshCase()
        : '';
      const res = await app.inject({
        method: route.method as 'GET',
        url: `${withParams(route.url, caseId)}${route.query ?? ''}`,
        headers: { cookie },
        ...(route.body ? { payload: route.body(caseId) } : {}),
      });
      const label = `${role} ${route.method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 160)}`;
      expect(res.statusCode, label).toBeLessThan(500);
      const allowed =
        route.need === 'public' || route.need === 'user' || (route.need !== 'integration' && roleCan(role, route.need));
      if (allowed) expect([401, 403], label).not.toContain(res.statusCode);
      else expect(res.statusCode, label).toBe(403);
    }
  });

  it.each(ROLES.filter(isBlockScoped))(
    '%s of another block reads a roads case but gets 403 on every action on it',
    async (role) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: `zhkh_${role}`, password: 'Пароль-2026' },
      });
      const cookie = `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
      const caseRoutes = ROUTES.filter((r) => r.url.startsWith('/api/cases/:id') && !r.url.includes('routing-rules'));
      for (const route of caseRoutes) {
        const caseId = await freshCase();
        const answer = await app.inject({
          method: route.method as 'GET',
          url: `${withParams(route.url, caseId)}${route.query ?? ''}`,
          headers: { cookie },
          ...(route.body ? { payload: route.body(caseId) } : {}),
        });
        const label = `${role} (ЖКХ) ${route.method} ${route.url} → ${answer.statusCode} ${answer.body.slice(0, 160)}`;
        if (route.need === 'cases.read') expect(answer.statusCode, label).toBe(200);
        else expect(answer.statusCode, label).toBe(403);
      }
    },
  );

  it('without a session every non-public route answers 401', async () => {
    for (const route of ROUTES.filter((r) => r.need !== 'public')) {
      const res = await app.inject({
        method: route.method as 'GET',
        url: `${withParams(route.url, '10000001')}${route.query ?? ''}`,
        ...(route.body ? { payload: route.body('10000001') } : {}),
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });
});
