import { z } from 'zod';

// VK Callback API payloads (https://dev.vk.com/ru/api/callback/getting-started), only the fields the platform uses;
// everything else VK sends passes through untouched.
export const callbackEnvelopeSchema = z.object({
  type: z.string().min(1),
  group_id: z.number().int(),
  event_id: z.string().optional(),
  v: z.string().optional(),
  secret: z.string().optional(),
  object: z.unknown().optional(),
});

const photoSizeSchema = z
  .object({ type: z.string().optional(), url: z.string(), width: z.number().optional(), height: z.number().optional() })
  .passthrough();
export const vkAttachmentSchema = z
  .object({
    type: z.string(),
    photo: z
      .object({ id: z.number(), owner_id: z.number(), sizes: z.array(photoSizeSchema).default([]) })
      .passthrough()
      .optional(),
    doc: z
      .object({
        id: z.number(),
        owner_id: z.number(),
        title: z.string(),
        size: z.number().optional(),
        ext: z.string().optional(),
        url: z.string().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();
export type VkAttachment = z.infer<typeof vkAttachmentSchema>;

export const messageNewSchema = z
  .object({
    message: z
      .object({
        id: z.number().int(),
        date: z.number().int(),
        peer_id: z.number().int(),
        from_id: z.number().int(),
        text: z.string().default(''),
        conversation_message_id: z.number().int(),
        attachments: z.array(vkAttachmentSchema).default([]),
        reply_message: z
          .object({
            id: z.number().int().optional(),
            from_id: z.number().int(),
            text: z.string().default(''),
            conversation_message_id: z.number().int().optional(),
          })
          .passthrough()
          .optional(),
        geo: z
          .object({
            coordinates: z.object({ latitude: z.number(), longitude: z.number() }),
            place: z.object({ title: z.string().optional(), city: z.string().optional() }).passthrough().optional(),
          })
          .passthrough()
          .optional(),
      })
      .passthrough(),
  })
  .passthrough();

export const wallReplyNewSchema = z
  .object({
    id: z.number().int(),
    from_id: z.number().int(),
    date: z.number().int(),
    text: z.string().default(''),
    post_id: z.number().int(),
    // VK documents the wall's owner as post_owner_id; some events carry owner_id (or both).
    owner_id: z.number().int().optional(),
    post_owner_id: z.number().int().optional(),
    attachments: z.array(vkAttachmentSchema).default([]),
    reply_to_comment: z.number().int().optional(),
  })
  .passthrough()
  .refine((c) => c.owner_id !== undefined || c.post_owner_id !== undefined, {
    message: 'нет владельца стены (post_owner_id)',
  })
  .transform((c) => ({ ...c, owner_id: (c.owner_id ?? c.post_owner_id) as number }));

/** A press of a callback button (the rating under an answer): payload is what the button was sent with. */
export const messageEventSchema = z
  .object({
    user_id: z.number().int(),
    peer_id: z.number().int(),
    event_id: z.string().min(1),
    payload: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    conversation_message_id: z.number().int().optional(),
  })
  .passthrough();

/** «Это новое обращение» under a message joined to the chat's case by time alone (see chat-continuation.ts). */
export const newCasePayloadSchema = z.object({ newCase: z.string().regex(/^\d{1,18}$/) });

export const ratingPayloadSchema = z.object({
  rate: z.number().int().min(1).max(5),
  c: z.string().regex(/^\d{1,18}$/),
  a: z.string().regex(/^\d{1,18}$/),
});
