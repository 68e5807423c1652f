// How fast the intake bus accepts a burst: the edge's half of POST /api/messages with the bus on (publish to JetStream
// with Msg-Id, wait for the stream's acknowledgement — file storage, one replica), no database. Starts its own
// nats-server (Debian's package) on loopback with a temporary store.
//   npx tsx bench/bus/publish.ts [--messages 5000] [--connections 16]
import { parseArgs } from 'node:util';
import { openIntakeBus } from '../../server/features/bus';
import { silentLogger } from '../../server/lib/logger';
import { startThrowawayNats } from '../../server/test/throwaway-nats';

const { values } = parseArgs({
  options: { messages: { type: 'string', default: '5000' }, connections: { type: 'string', default: '16' } },
});
const total = Number(values.messages);
const connections = Number(values.connections);
const nats = await startThrowawayNats();
const bus = await openIntakeBus(
  {
    url: nats.url,
    stream: 'BENCH',
    replicas: 1,
    dedupWindowSeconds: 600,
    ackWaitSeconds: 60,
    maxDeliver: 10,
    writer: false,
    writerConcurrency: 8,
  },
  silentLogger,
);
const actor = { kind: 'integration' as const, tokenId: 1, label: 'bench', scopes: ['messages'] };
const latencies: number[] = [];
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      await bus.publish(
        {
          channel: 'portal',
          externalId: `bench-${i}`,
          text: `Не вывозят мусор у дома ${i} на улице Мира, третий день подряд`,
        },
        actor,
        new Date(),
      );
      latencies.push(performance.now() - t0);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q: number): string =>
  latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
console.log(`шина приёма (JetStream, файловое хранение, 1 копия): ${total} сообщений, ${connections} параллельно`);
console.log(
  `  принято: ${Math.round(total / seconds)} сообщений/с; подтверждение p50 ${at(0.5)} мс, p99 ${at(0.99)} мс`,
);
await bus.close();
await nats.stop();
