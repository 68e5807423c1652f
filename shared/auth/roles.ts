// Roles as the decree creating the centre names them, and what each may do. Enforced on the server;
// the same table is sent to the web app so it never re-implements authorisation.
export const ROLES = [
  'curator',
  'executive_secretary',
  'head',
  'block_owner',
  'block_lead',
  'direction_lead',
  'operator',
  'media_officer',
  'auditor',
  'admin',
  'executor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  curator: 'Куратор',
  executive_secretary: 'Ответственный исполнитель (секретарь)',
  head: 'Руководитель ЦУР',
  block_owner: 'Ответственный за отраслевой блок',
  block_lead: 'Руководитель отраслевого блока',
  direction_lead: 'Руководитель направления',
  operator: 'Оператор / аналитик',
  media_officer: 'Специалист по работе со СМИ',
  auditor: 'Аудитор (только чтение)',
  admin: 'Администратор',
  executor: 'Исполнитель (организация)',
};

export const PERMISSIONS = [
  'cases.read', // see cases (executors: only their organisation's)
  'cases.triage', // classify, route, reassign, reject, merge and split
  'cases.answer', // give interim and final answers, take into work
  'cases.extend', // extend the final-answer deadline (59-ФЗ, once)
  'cases.review', // ЦУР quality control: accept or return for rework
  'cases.rate', // record a citizen's rating received by phone or letter
  'analytics.read',
  'projects.read', // the project office: projects, passports, plans vs facts, risks
  'reports.edit',
  'reports.agree',
  'reports.approve',
  'kpi.manage', // indicators: targets, hand-entered values
  'reference.manage', // taxonomy, organisations, routing, deadline policies
  'users.manage',
  'tokens.manage',
  'audit.read', // the personal data access journal and the erasure journal (152-ФЗ)
  'personal_data.erase', // erase a citizen's personal data on request
  'security.audit', // read the journal of failed sign-ins
  'comms.manage', // official pages, their checks and figures, votes and discussions (reading needs analytics.read)
  'campaigns.approve', // approve an informing campaign or return it with comments (the head of the centre)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: Permission[] = ['cases.read', 'analytics.read', 'projects.read'];
const CENTRE_WORK: Permission[] = [
  ...READ_ALL,
  'cases.triage',
  'cases.review',
  'cases.rate',
  'cases.extend',
  'reports.edit',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  curator: [...READ_ALL, 'reports.approve', 'kpi.manage'],
  executive_secretary: [...CENTRE_WORK, 'cases.answer', 'reports.agree', 'kpi.manage'],
  head: [...CENTRE_WORK, 'cases.answer', 'reports.agree', 'kpi.manage', 'comms.manage', 'campaigns.approve'],
  block_owner: [...CENTRE_WORK, 'comms.manage'],
  block_lead: [...CENTRE_WORK],
  direction_lead: [...CENTRE_WORK],
  operator: [...CENTRE_WORK, 'cases.answer'],
  // media and public pages, not case answers (decree: the media officer informs, the executors answer)
  media_officer: [...READ_ALL, 'comms.manage'],
  auditor: [...READ_ALL, 'audit.read', 'security.audit'],
  admin: [
    ...READ_ALL,
    'reference.manage',
    'users.manage',
    'tokens.manage',
    'kpi.manage',
    'audit.read',
    'personal_data.erase',
    'security.audit',
  ],
  executor: ['cases.read', 'cases.answer', 'cases.extend'],
};

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * Roles whose members act (classify, route, review, answer, extend, rate) only on cases of their own block. They
 * read the whole region, which the complex picture of problems needs.
 */
export const BLOCK_SCOPED_ROLES: readonly Role[] = ['block_owner', 'block_lead', 'direction_lead'];

export function isBlockScoped(role: Role): boolean {
  return BLOCK_SCOPED_ROLES.includes(role);
}

/** Roles whose members belong to an answering organisation and see only its cases. */
export function isOrganisationScoped(role: Role): boolean {
  return role === 'executor';
}
