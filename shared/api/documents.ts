import { z } from 'zod';

// Official documents: each approved version of a document is registered (number per kind and year, date), stored as
// PDF and/or DOCX with the SHA-256 of the exact bytes, may carry detached signature files and is sealed into the
// hash chain together with the case history. Kinds of documents and the prefix of their registration numbers:
export const DOCUMENT_KINDS = {
  monthly_report: { label: 'Ежемесячный доклад Губернатору', prefix: 'ДГ' },
  indicator_set: { label: 'Перечень показателей ЦУР', prefix: 'ПП' },
  project_passport: { label: 'Паспорт проекта', prefix: 'ПАС' },
  consolidated_plan: { label: 'Сводный план', prefix: 'СП' },
  progress_report: { label: 'Отчёт о ходе реализации', prefix: 'ОХ' },
  group_composition: { label: 'Состав рабочей (экспертной) группы', prefix: 'СГ' },
  additional_indicator: { label: 'Дополнительный показатель', prefix: 'ДП' },
  roadmap: { label: 'Дорожная карта', prefix: 'ДК' },
  group_protocol: { label: 'Протокол заседания рабочей (экспертной) группы', prefix: 'ПР' },
} as const satisfies Record<string, { label: string; prefix: string }>;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const DOCUMENT_KIND_CODES = Object.keys(DOCUMENT_KINDS) as [DocumentKind, ...DocumentKind[]];

export const DOCUMENT_FILE_FORMATS = ['pdf', 'docx'] as const;
export type DocumentFileFormat = (typeof DOCUMENT_FILE_FORMATS)[number];

/** Detached signature files: CMS/PKCS#7 (.p7s, .sig, .sgn) or OpenPGP (.asc), at most 256 KiB (real ones are a few KiB). */
export const SIGNATURE_MAX_BYTES = 256 * 1024;
export const SIGNATURE_EXTENSIONS = ['.p7s', '.sig', '.sgn', '.asc'] as const;

export const documentSignatureSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  size: z.number(),
  sha256: z.string(),
  attachedAt: z.string(),
  attachedBy: z.string(),
});

export const officialDocumentSchema = z.object({
  id: z.string(),
  kind: z.enum(DOCUMENT_KIND_CODES),
  kindLabel: z.string(),
  entityId: z.string(),
  number: z.string(),
  title: z.string(),
  registeredAt: z.string(),
  registeredBy: z.string(),
  files: z.array(z.object({ format: z.enum(DOCUMENT_FILE_FORMATS), sha256: z.string(), size: z.number() })),
  signatures: z.array(documentSignatureSchema),
  /** Position in the hash chain and the link's hash; null until the sealer has reached the record (seconds). */
  chain: z.object({ position: z.string(), hash: z.string() }).nullable(),
  canAttachSignature: z.boolean(),
});
export type OfficialDocument = z.infer<typeof officialDocumentSchema>;

export const documentListQuery = z.object({
  kind: z.enum(DOCUMENT_KIND_CODES).optional(),
  entity: z.string().max(100).optional(),
});
export const documentListSchema = z.object({ items: z.array(officialDocumentSchema) });
export const documentIdParams = z.object({ id: z.string().regex(/^\d{1,18}$/, 'ожидается номер') });
export const documentFileParams = documentIdParams.extend({ format: z.enum(DOCUMENT_FILE_FORMATS) });
export const signatureParams = documentIdParams.extend({
  signatureId: z.string().regex(/^\d{1,18}$/, 'ожидается номер'),
});
export const signatureInputSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  /** The file's bytes in base64. */
  contentBase64: z.string().max(Math.ceil(SIGNATURE_MAX_BYTES / 3) * 4 + 4),
});
export const indicatorSetInputSchema = z.object({ year: z.number().int().min(2020).max(2100) });
export const registeredVersionSchema = z.object({
  id: z.string(),
  number: z.string(),
  registeredAt: z.string(),
  pdfSha256: z.string().nullable(),
  docxSha256: z.string().nullable(),
  chain: z.object({ position: z.string(), hash: z.string() }),
});
