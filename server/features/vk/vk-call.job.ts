import { createHash } from 'node:crypto';
import { z } from 'zod';
import { defineJob } from '../../jobs/outbox';
import { requireAdapter } from '../channels/require-adapter';
import type { Services } from '../../lib/context';
import type { VkAdapter } from './vk.adapter';

// The community's own replies (case number, status) go out through the outbox like answers; random_id comes from
// the job's key, so VK itself drops a repeat of the same reply.
export const vkCallSchema = z.object({
  peerId: z.number(),
  text: z.string().min(1).max(4096),
  randomId: z.number().int(),
  /** A keyboard under the message, as VK's messages.send takes it (JSON). */
  keyboard: z.string().max(4096).optional(),
});
export type VkCall = z.infer<typeof vkCallSchema>;

export const vkCallJob = defineJob({
  kind: 'vk.call',
  schema: vkCallSchema,
  maxAttempts: 'delivery',
  async handler(ctx, call) {
    await vkAdapterOf(ctx.services).api.messages.send({
      peer_id: call.peerId,
      message: call.text,
      random_id: call.randomId,
      ...(call.keyboard ? { keyboard: call.keyboard } : {}),
    });
  },
});

export function vkAdapterOf(services: Services): VkAdapter {
  return requireAdapter<VkAdapter>(services, 'vk', 'ВКонтакте не настроен (VK_ACCESS_TOKEN, VK_GROUP_ID)');
}

/** A positive int32 from a key: VK keeps one message per random_id and sender, so a repeated send is dropped. */
export function vkRandomId(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) & 0x7fffffff;
}
