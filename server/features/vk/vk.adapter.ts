import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { API } from 'vk-io';
import type { VkConfig } from '../../config';
import type { ChannelAdapter, ChannelAdapterFactory, OutboundAnswer } from '../channels/channel-adapter';
import { answerHeading, splitText } from '../telegram/citizen-texts';
import { registerVkCallback } from './vk-callback';
import { vkRandomId } from './vk-call.job';

// VK through vk-io. Inbound: the community's Callback API posts events to /webhooks/vk (confirmation handshake,
// secret checked); community messages and comments on the community's wall become intake. Outbound: an answer goes
// back the way the message came — a community message (messages.send) or a reply comment (wall.createComment).
// Both carry a key derived from answer × message (random_id, guid), so VK itself drops a repeated send.
export const VK_CHANNEL = 'social_vk';
const PART_LIMIT = 4096;

export interface VkAdapter extends ChannelAdapter {
  readonly api: API;
  readonly config: VkConfig;
}

export const createVkAdapter: ChannelAdapterFactory = (services) => {
  const config = services.config.vk;
  if (!config) return null;
  const api = new API({
    token: config.token,
    apiBaseUrl: config.apiBaseUrl,
    // vk-io types the agent as https only; a plain-HTTP base (a local proxy, the test stand-in) needs an http agent.
    agent: config.apiBaseUrl.startsWith('http:') ? new http.Agent({ keepAlive: true }) as https.Agent : new https.Agent({ keepAlive: true }),
    // The outbox retries with backoff; vk-io's own retries would only hold the dispatcher.
    apiRetryLimit: 0,
    apiTimeout: 20_000,
  });
  const adapter: VkAdapter = {
    name: 'vk',
    channels: [VK_CHANNEL],
    api,
    config,
    resendDeduplicated: true,
    registerRoutes: (app, routeServices) => registerVkCallback(app, routeServices, config),
    send: (_services, answer) => sendAnswer(api, config, answer),
  };
  return adapter;
};

/** An inline keyboard of five callback buttons; the payload names the case and the answer being rated. */
export function ratingKeyboard(caseId: string, answerId: string): string {
  const buttons = [1, 2, 3, 4, 5].map((rate) => ({
    action: { type: 'callback', label: String(rate), payload: JSON.stringify({ rate, c: caseId, a: answerId }) },
    color: rate <= 2 ? 'negative' : rate >= 4 ? 'positive' : 'secondary',
  }));
  return JSON.stringify({ inline: true, buttons: [buttons] });
}

interface VkLabels { kind?: unknown; peerId?: unknown; ownerId?: unknown; postId?: unknown; commentId?: unknown }

async function sendAnswer(api: API, config: VkConfig, answer: OutboundAnswer): Promise<string> {
  const vk = (answer.message.labels?.vk ?? {}) as VkLabels;
  const parts = splitText(`${answerHeading(answer.caseId, answer.kind)}\n\n${answer.body}`, PART_LIMIT);
  const key = (i: number) => `answer:${answer.answerId}:message:${answer.message.id}:part:${i}`;
  const refs: string[] = [];
  if (vk.kind === 'comment') {
    const ownerId = Number(vk.ownerId);
    const postId = Number(vk.postId);
    const commentId = Number(vk.commentId);
    if (![ownerId, postId, commentId].every(Number.isSafeInteger)) throw new Error(`У комментария ${answer.message.externalId} нет адреса в VK`);
    for (const [i, part] of parts.entries()) {
      const result = await api.wall.createComment({
        owner_id: ownerId, post_id: postId, from_group: config.groupId, message: part, reply_to_comment: commentId,
        guid: createHash('sha256').update(key(i)).digest('hex').slice(0, 32),
      });
      refs.push(`wall${ownerId}_${postId}?reply=${result.comment_id}`);
    }
    return `vk:${refs.join(',')}`;
  }
  const peerId = Number(vk.peerId ?? answer.message.authorExternalId);
  if (!Number.isSafeInteger(peerId)) throw new Error(`У сообщения ${answer.message.externalId} нет собеседника VK`);
  for (const [i, part] of parts.entries()) {
    // The last part of a final answer carries the 1–5 rating buttons (callback buttons: a press is a message_event).
    const rating = answer.kind === 'final' && i === parts.length - 1 ? { keyboard: ratingKeyboard(answer.caseId, answer.answerId) } : {};
    const id = await api.messages.send({ peer_id: peerId, message: part, random_id: vkRandomId(key(i)), ...rating });
    refs.push(String(id));
  }
  return `vk:message:${peerId}:${refs.join(',')}`;
}
