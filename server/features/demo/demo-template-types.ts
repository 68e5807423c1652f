// The shape of a demo message template and a compact way to write many of them.
/** heating: October–April; winter: snow and ice (mid-November–March); summer: May–September. */
export type Season = 'heating' | 'winter' | 'summer';

export interface MessageTemplate {
  readonly block: string;
  readonly category: string;
  readonly text: string;
  readonly season?: Season;
  /** An emergency (no heating in frost, bare wires, a road accident): the generator uses these sparingly. */
  readonly urgent?: boolean;
  /** Off-topic for the ЦУР: the operator rejects it as not our competence. */
  readonly offtopic?: boolean;
}

export type TemplateRow = readonly [category: string, text: string, season?: Season];

export function templateRows(
  block: string,
  rows: readonly TemplateRow[],
  extra: Partial<MessageTemplate> = {},
): MessageTemplate[] {
  return rows.map(([category, text, season]) => ({ block, category, text, ...(season ? { season } : {}), ...extra }));
}
