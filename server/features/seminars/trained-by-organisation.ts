import { sql, type SqlBool } from 'kysely';
import type { Trained } from '../../../shared/api/seminars';
import type { Ctx } from '../../lib/context';
import { moscowDate, seminarScope } from './seminars.repository';

type Organisation = Trained['items'][number];

/**
 * Who of each organisation was trained in a year: seminars its people were invited to, people invited and people who
 * attended (a person counted once however many seminars), and each person with their seminars. Cancelled seminars
 * do not count. An executor sees only their organisation.
 */
export async function trainedByOrganisation(ctx: Ctx, year: number): Promise<Trained> {
  const scope = seminarScope(ctx);
  let q = ctx.db
    .selectFrom('seminar_participants as p')
    .innerJoin('seminars as s', 's.id', 'p.seminar_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .leftJoin('municipalities as m', 'm.id', 'o.municipality_id')
    .select([
      'p.organisation_id',
      'o.name as organisation',
      'm.name as municipality',
      'p.user_id',
      'p.person_name',
      'p.attended',
      's.id as seminar_id',
      's.topic',
    ])
    .select(moscowDate('s.starts_at').as('date'))
    .where('s.status', '!=', 'cancelled')
    .where(sql<SqlBool>`extract(year from s.starts_at at time zone 'Europe/Moscow') = ${year}`)
    .orderBy('o.name')
    .orderBy('p.person_name')
    .orderBy('s.starts_at');
  if (scope !== null) q = q.where('p.organisation_id', '=', scope);
  const byOrg = new Map<
    number,
    Organisation & {
      keys: Map<string, Organisation['people'][number]>;
      seminarIds: Set<number>;
      attendedKeys: Set<string>;
    }
  >();
  for (const r of await q.execute()) {
    let org = byOrg.get(r.organisation_id);
    if (!org) {
      org = {
        organisationId: r.organisation_id,
        organisation: r.organisation,
        municipality: r.municipality,
        seminars: 0,
        invited: 0,
        attended: 0,
        people: [],
        keys: new Map(),
        seminarIds: new Set(),
        attendedKeys: new Set(),
      };
      byOrg.set(r.organisation_id, org);
    }
    const key = r.user_id === null ? `name:${r.person_name.toLowerCase()}` : `user:${r.user_id}`;
    let person = org.keys.get(key);
    if (!person) {
      person = { name: r.person_name, seminars: [] };
      org.keys.set(key, person);
      org.people.push(person);
    }
    person.seminars.push({ id: r.seminar_id, topic: r.topic, date: r.date, attended: r.attended });
    org.seminarIds.add(r.seminar_id);
    if (r.attended) org.attendedKeys.add(key);
  }
  return {
    year,
    items: [...byOrg.values()].map(({ keys, seminarIds, attendedKeys, ...org }) => ({
      ...org,
      seminars: seminarIds.size,
      invited: keys.size,
      attended: attendedKeys.size,
    })),
  };
}
