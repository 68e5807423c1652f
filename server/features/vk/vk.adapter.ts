import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { API } from 'vk-io';
import type { VkConfig } from '../../config';
import type { ChannelAdapter, ChannelAdapterFactory, OutboundAnswer } from '../channels/channel-adapter';
import { DeliveryAwaitsExportError } from '../channels/channel-adapter';
import { answerHeading, splitText } from '../messengers';
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
    agent: config.apiBaseUrl.startsWith('http:')
      ? (new http.Agent({ keepAlive: true }) as https.Agent)
      : new https.Agent({ keepAlive: true }),
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
    send: (_services, answer) =>
      postText(
        api,
        config,
        answer.message,
        `${answerHeading(answer.caseId, answer.kind)}\n\n${answer.body}`,
        `answer:${answer.answerId}:message:${answer.message.id}`,
        answer.kind === 'final' ? { caseId: answer.caseId, answerId: answer.answerId } : undefined,
      ),
    sendNotice: (_services, notice) =>
      postText(api, config, notice.message, notice.text, `notice:${notice.key}:message:${notice.message.id}`),
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

interface VkLabels {
  kind?: unknown;
  peerId?: unknown;
  ownerId?: unknown;
  postId?: unknown;
  commentId?: unknown;
}

/** Where a post found by monitoring lives (its address is kept in labels.monitoring.url: https://vk.com/wall-1_2). */
function monitoredPost(message: OutboundAnswer['message']): { url: string; ownerId: number; postId: number } | null {
  const url = (message.labels?.monitoring as { url?: unknown } | undefined)?.url;
  const m = typeof url === 'string' ? /\/wall(-?\d+)_(\d+)/.exec(url) : null;
  return m && typeof url === 'string' ? { url, ownerId: Number(m[1]), postId: Number(m[2]) } : null;
}

/** Posts a text back the way the message came; `keyBase` makes random_id and guid, so VK drops a repeat. */
async function postText(
  api: API,
  config: VkConfig,
  message: OutboundAnswer['message'],
  text: string,
  keyBase: string,
  rated?: { caseId: string; answerId: string },
): Promise<string> {
  const vk = (message.labels?.vk ?? {}) as VkLabels;
  const parts = splitText(text, PART_LIMIT);
  const key = (i: number) => `${keyBase}:part:${i}`;
  const refs: string[] = [];
  const post = vk.kind === 'comment' ? null : monitoredPost(message);
  if (post && post.ownerId !== -config.groupId) {
    // A community token comments only on the community's own wall; any other wall needs a person's hands.
    throw new DeliveryAwaitsExportError(
      `Пост найден мониторингом на чужой стене: ключ сообщества не может ответить под ним, ответьте вручную (${post.url})`,
    );
  }
  if (vk.kind === 'comment' || post) {
    const ownerId = post ? post.ownerId : Number(vk.ownerId);
    const postId = post ? post.postId : Number(vk.postId);
    const commentId = post ? null : Number(vk.commentId);
    if (![ownerId, postId, commentId ?? 0].every(Number.isSafeInteger))
      throw new DeliveryAwaitsExportError(`У комментария ${message.externalId} нет адреса в VK`);
    for (const [i, part] of parts.entries()) {
      const result = await api.wall.createComment({
        owner_id: ownerId,
        post_id: postId,
        from_group: config.groupId,
        message: part,
        ...(commentId === null ? {} : { reply_to_comment: commentId }),
        guid: createHash('sha256').update(key(i)).digest('hex').slice(0, 32),
      });
      refs.push(`wall${ownerId}_${postId}?reply=${result.comment_id}`);
    }
    return `vk:${refs.join(',')}`;
  }
  const peerId = Number(vk.peerId ?? message.authorExternalId);
  if (!Number.isSafeInteger(peerId))
    throw new DeliveryAwaitsExportError(
      `У сообщения ${message.externalId} нет собеседника VK: ответ не может уйти через сообщество`,
    );
  for (const [i, part] of parts.entries()) {
    // The last part of a final answer carries the 1–5 rating buttons (callback buttons: a press is a message_event).
    const rating = rated && i === parts.length - 1 ? { keyboard: ratingKeyboard(rated.caseId, rated.answerId) } : {};
    const id = await api.messages.send({ peer_id: peerId, message: part, random_id: vkRandomId(key(i)), ...rating });
    refs.push(String(id));
  }
  return `vk:message:${peerId}:${refs.join(',')}`;
}
