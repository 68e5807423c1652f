import { isBlockScoped, roleCan, type Permission } from '../../../shared/auth/roles';
import type { Actor } from '../../lib/context';
import { AppError } from '../../lib/errors';

/** Integration tokens may only submit messages; users act by their role's permissions. */
export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'integration') return false;
  return roleCan(actor.role, permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (actor.kind === 'user' || actor.kind === 'integration') {
    if (!can(actor, permission)) throw new AppError('forbidden', 'Недостаточно прав для этого действия');
  }
}

/** The organisation an actor is confined to (executors), or null for region-wide roles. */
export function organisationScope(actor: Actor): number | null | 'none' {
  if (actor.kind !== 'user' || actor.role !== 'executor') return null;
  return actor.organisationId ?? 'none';
}

/** The block an actor may act in (block roles), null for roles not confined to a block, 'none' when none is set. */
export function blockScope(actor: Actor): string | null | 'none' {
  if (actor.kind !== 'user' || !isBlockScoped(actor.role)) return null;
  return actor.blockCode ?? 'none';
}
