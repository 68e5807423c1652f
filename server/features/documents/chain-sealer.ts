import type { Services } from '../../lib/context';
import { sealChain } from './chain';

/** How often a server seals the records written since the last run into the hash chain. */
export const CHAIN_SEAL_INTERVAL_MS = 5_000;

/**
 * Seals new case events and documents in the background, so that intake never waits for the chain head lock.
 * Several servers on one PostgreSQL may run it: chain_seal() takes the head row lock, the second waits and finds
 * nothing left. Returns a stop function.
 */
export function startChainSealer(services: Services, intervalMs = CHAIN_SEAL_INTERVAL_MS): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = (): void => {
    if (stopped) return;
    running = sealChain(services.database.db).catch((e) => services.log.error({ err: String(e) }, 'chain sealing failed'))
      .finally(() => { if (!stopped) timer = setTimeout(tick, intervalMs); });
  };
  let timer = setTimeout(tick, 0);
  return async () => { stopped = true; clearTimeout(timer); await running; };
}
