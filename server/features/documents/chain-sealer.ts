import type { Services } from '../../lib/context';
import { startSingletonPoller } from '../../lib/node-lease';
import { sealChain } from './chain';

/** How often a server seals the records written since the last run into the hash chain. */
export const CHAIN_SEAL_INTERVAL_MS = 5_000;
/** Every this many passes (and on the first) the sealer scans whole tables for rows an ordinary pass cannot see. */
export const FULL_PASS_EVERY = 60;

/**
 * Seals new case events and documents in the background, so that intake never waits for the chain head lock. An
 * ordinary pass reads only recent ids; a full pass every FULL_PASS_EVERY passes seals what a long transaction
 * committed late with an old id. One app node seals at a time (a lease, see lib/node-lease.ts); even without it
 * chain_seal() takes the head row lock, so two sealers could not interleave. Returns a stop function.
 */
export function startChainSealer(services: Services, intervalMs = CHAIN_SEAL_INTERVAL_MS): () => Promise<void> {
  let pass = 0;
  return startSingletonPoller(services.database.db, services.clock, {
    name: 'chain:sealer',
    intervalMs,
    async run() {
      await sealChain(services.database.db, { full: pass++ % FULL_PASS_EVERY === 0 });
    },
    onError: (e) => services.log.error({ err: String(e) }, 'chain sealing failed'),
  });
}
