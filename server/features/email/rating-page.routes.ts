import formbody from '@fastify/formbody';
import type { FastifyReply } from 'fastify';
import type { AppInstance } from '../../http/app-instance';
import { type Actor, rootContext, type Services } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { checkRatingToken, RATING_LINK_DAYS } from '../cases/rating-link';
import { parseScore, RATING_SCORE_ERROR, ratingFormHtml, ratingResultText } from '../cases/rating-page';
import { rateAnswer } from '../cases/rate-case';

// The page an answer letter's rating links open: /rate/<signed token>?score=N. Opening the link shows the chosen
// score and asks to confirm with one button (a POST), because mail scanners open links in letters on their own and a
// GET must not rate for the citizen. No sign-in: the signed token names the case and answer.

const ACTOR: Actor = { kind: 'system', label: 'Оценка по ссылке из письма' };
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`);
}

export async function registerRatingPage(app: AppInstance, services: Services): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 16_384 });
    const open = async (token: string, reply: FastifyReply) => {
      const ctx = rootContext(services, ACTOR);
      const check = await checkRatingToken(ctx, token);
      if (!check.ok) {
        page(
          reply,
          check.reason === 'expired' ? 410 : 404,
          'Ссылка недействительна',
          check.reason === 'expired'
            ? `<p>Срок действия ссылки истёк (${RATING_LINK_DAYS} дней). Оценить ответ можно, ответив на письмо.</p>`
            : '<p>Ссылка повреждена или не существует. Проверьте, что она скопирована целиком.</p>',
        );
        return null;
      }
      return { ctx, ...check };
    };

    scope.get<{ Params: { token: string }; Querystring: { score?: unknown } }>(
      '/rate/:token',
      { schema: { hide: true } },
      async (request, reply) => {
        const opened = await open(request.params.token, reply);
        if (!opened) return reply;
        const rated = await opened.ctx.db
          .selectFrom('ratings')
          .select('score')
          .where('answer_id', '=', opened.answerId)
          .executeTakeFirst();
        if (rated)
          return page(
            reply,
            200,
            'Оценка ответа',
            `<p>${escapeHtml(ratingResultText({ rated: false, score: rated.score }, opened.caseId))}</p>`,
          );
        const chosen = parseScore(request.query.score);
        return page(
          reply,
          200,
          `Оценка ответа по обращению № ${opened.caseId}`,
          `${chosen ? `<p>Вы выбрали оценку <strong>${chosen}</strong>. Нажмите её ещё раз, чтобы подтвердить, или выберите другую.</p>` : ''}${ratingFormHtml('', {}, chosen)}`,
        );
      },
    );

    scope.post<{ Params: { token: string } }>('/rate/:token', { schema: { hide: true } }, async (request, reply) => {
      const opened = await open(request.params.token, reply);
      if (!opened) return reply;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const score = parseScore(body.score);
      if (score === null) return page(reply, 400, 'Оценка не принята', `<p>${RATING_SCORE_ERROR}.</p>`);
      const comment =
        typeof body.comment === 'string' && body.comment.trim() ? body.comment.trim().slice(0, 2000) : undefined;
      try {
        const outcome = await rateAnswer(opened.ctx, {
          caseId: opened.caseId,
          answerId: opened.answerId,
          score,
          source: 'email',
          ...(comment ? { comment } : {}),
        });
        return page(reply, 200, 'Спасибо!', `<p>${escapeHtml(ratingResultText(outcome, opened.caseId))}</p>`);
      } catch (error) {
        if (error instanceof AppError && error.code !== 'internal')
          return page(reply, 409, 'Оценка не принята', `<p>${escapeHtml(error.message)}</p>`);
        throw error;
      }
    });
  });
}
