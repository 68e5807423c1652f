import type { IntakeMessage } from '../../../shared/api/messages';
import type { Ctx } from '../../lib/context';
import type { ReferenceSnapshot } from '../reference/reference.repository';
import type { Analysis } from '../understanding/message-analyzer';
import { decidePlace, PLACE_SOURCE_LABELS, type PlaceDecision } from './resolve-municipality';

type Flag = Analysis['flags'][number];

/** The municipality of an incoming message from everything its channel gave: field, coordinates, address, text. */
export function placeOfMessage(
  ctx: Ctx,
  ref: ReferenceSnapshot,
  input: Pick<IntakeMessage, 'location'>,
  analysis: Analysis,
): PlaceDecision {
  return decidePlace(ref, input.location?.municipality, ctx.services.analyzer.placeEvidence(input.location), analysis);
}

/**
 * Flags shown with the case next to the urgency flags: coordinates outside the region, and evidence about the place
 * that names different municipalities (the chosen one first).
 */
export function placeFlags(ref: ReferenceSnapshot, place: PlaceDecision, location: IntakeMessage['location']): Flag[] {
  const flags: Flag[] = [];
  if (place.outside) {
    flags.push({
      code: 'outside_region',
      label: 'Координаты за границами области',
      triggers: [`${location?.lat ?? ''}, ${location?.lon ?? ''}`],
    });
  }
  if (place.source && place.disagreements.length) {
    const name = (code: string): string => ref.municipalityByCode.get(code)?.shortName ?? code;
    const chosen = `${PLACE_SOURCE_LABELS[place.source]}: ${place.municipality ? place.municipality.shortName : ''}`;
    flags.push({
      code: 'place_conflict',
      label: 'Сведения о месте расходятся',
      triggers: [chosen, ...place.disagreements.map((d) => `${PLACE_SOURCE_LABELS[d.source]}: ${name(d.code)}`)],
    });
  }
  return flags;
}

/** The history entry of how the place was decided (only when the channel gave more than a text). */
export function placeEventData(place: PlaceDecision): Record<string, unknown> | null {
  if (!place.outside && Object.keys(place.evidence).every((s) => s === 'text')) return null;
  return {
    municipality: place.municipality?.code ?? null,
    source: place.source,
    outside: place.outside,
    evidence: place.evidence,
    disagreements: place.disagreements,
  };
}
