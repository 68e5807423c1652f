import type { Role } from '../auth/roles';

// The decree's approval matrix (п. 8–11) as data: who drafts each document type, who agrees it, who approves it, and
// how many working days (production calendar) each step may take. A region with another matrix edits this table.
export const PO_DOCUMENT_TYPES = [
  'passport',
  'group',
  'indicator',
  'protocol',
  'roadmap',
  'progress_report',
  'change_request',
  'consolidated_plan',
] as const;
export type PoDocumentType = (typeof PO_DOCUMENT_TYPES)[number];

export const PO_STATUSES = ['draft', 'agreement', 'approval', 'approved'] as const;
export type PoStatus = (typeof PO_STATUSES)[number];

export interface ApprovalChain {
  label: string;
  /** Roles that draft the document and send it on (block roles only for their own block). */
  drafters: readonly Role[];
  /** The agreeing step, absent when the decree has none (groups, additional indicators). */
  agree: { roles: readonly Role[]; workingDays: number } | null;
  approve: { roles: readonly Role[]; workingDays: number };
}

export const APPROVAL_CHAINS: Record<PoDocumentType, ApprovalChain> = {
  // п. 11 block owners develop, п. 10 the head agrees, п. 8 the curator approves
  passport: {
    label: 'Паспорт проекта',
    drafters: ['block_owner'],
    agree: { roles: ['head'], workingDays: 5 },
    approve: { roles: ['curator'], workingDays: 5 },
  },
  // п. 11 block owners propose the composition, п. 8 the curator approves
  group: {
    label: 'Состав рабочей (экспертной) группы',
    drafters: ['block_owner'],
    agree: null,
    approve: { roles: ['curator'], workingDays: 5 },
  },
  // п. 8, 22 the curator approves additional indicators
  indicator: {
    label: 'Дополнительный показатель',
    drafters: ['block_owner', 'head', 'executive_secretary'],
    agree: null,
    approve: { roles: ['curator'], workingDays: 5 },
  },
  // a group's meeting protocol: whoever runs the group's meetings drafts it, the head of the centre approves it
  protocol: {
    label: 'Протокол заседания группы',
    drafters: ['block_owner', 'executive_secretary', 'head'],
    agree: null,
    approve: { roles: ['head'], workingDays: 3 },
  },
  // п. 9 the executive secretary prepares the roadmap and its agreement with АНО «Диалог Регионы», п. 10 the head
  // ensures the yearly update (agrees it), п. 8 the curator approves what the centre sends on
  roadmap: {
    label: 'Дорожная карта ЦУР',
    drafters: ['executive_secretary'],
    agree: { roles: ['head'], workingDays: 5 },
    approve: { roles: ['curator'], workingDays: 5 },
  },
  // п. 11 block owners prepare, п. 10 the head analyses and agrees, п. 8 the curator approves
  progress_report: {
    label: 'Отчёт о ходе реализации',
    drafters: ['block_owner'],
    agree: { roles: ['head'], workingDays: 5 },
    approve: { roles: ['curator'], workingDays: 5 },
  },
  // a change to an approved passport follows the passport's own chain
  change_request: {
    label: 'Запрос на изменение паспорта',
    drafters: ['block_owner'],
    agree: { roles: ['head'], workingDays: 5 },
    approve: { roles: ['curator'], workingDays: 5 },
  },
  // п. 10 the head forms the consolidated plan per topic, п. 8 the curator approves
  consolidated_plan: {
    label: 'Сводный план',
    drafters: ['head'],
    agree: null,
    approve: { roles: ['curator'], workingDays: 5 },
  },
};

export const PO_STATUS_LABELS: Record<PoStatus, string> = {
  draft: 'Черновик',
  agreement: 'На согласовании',
  approval: 'На утверждении',
  approved: 'Утверждён',
};

export const PO_ACTIONS = ['create', 'edit', 'submit', 'agree', 'approve', 'return'] as const;
export type PoAction = (typeof PO_ACTIONS)[number];
export const PO_ACTION_LABELS: Record<PoAction, string> = {
  create: 'Создан',
  edit: 'Изменён',
  submit: 'Направлен',
  agree: 'Согласован',
  approve: 'Утверждён',
  return: 'Возвращён на доработку',
};

/** The status a submitted draft goes to: agreement when the chain has that step, otherwise straight to approval. */
export function afterSubmit(type: PoDocumentType): PoStatus {
  return APPROVAL_CHAINS[type].agree ? 'agreement' : 'approval';
}

/** The roles that act on a document in a status (the drafters in draft, nobody once approved). */
export function rolesAt(type: PoDocumentType, status: PoStatus): readonly Role[] {
  const chain = APPROVAL_CHAINS[type];
  if (status === 'draft') return chain.drafters;
  if (status === 'agreement') return chain.agree?.roles ?? [];
  if (status === 'approval') return chain.approve.roles;
  return [];
}
