import type { Criterion, PageElement, ScorePart } from '../../../shared/api/public-pages';

// The score of one page over a period: each configured criterion gives its points times a fulfilment between 0 and 1.
// The formulas (hand-checkable, see page-rating.test.ts):
//   posting            posts in the period / (posting norm × weeks in the period), at most 1 (norm 0: 1)
//   elements           required elements whose latest check passed / 4
//   gov_mark, pos_widget  1 when the element's latest check passed, else 0
//   views_per_post     (views / posts) / target, at most 1 (no posts: 0)
//   subscriber_growth  growth of subscribers from the first to the last week, in %, / target, between 0 and 1
//   comment_answers    answered comments / comments (no comments: 1)
//   answer_speed       platform messages that came through the page and got a first answer within `target` hours /
//                      such messages; without platform messages the imported answer time t: 1 when t ≤ target, else target / t
export interface WeekFacts {
  posts: number;
  views: number;
  comments: number;
  subscribers: number;
  answeredComments: number;
  answerHours: number | null;
}
export interface PageFacts {
  postingNorm: number;
  weeksInPeriod: number;
  /** Oldest first. */
  weeks: WeekFacts[];
  passed: ReadonlySet<PageElement>;
  /** Hours from each platform message to its case's first answer; a message still unanswered past any target counts with its age. */
  platformHours: number[];
  /** Platform messages not yet answered whose age is within the target (not counted either way). */
  platformPending: number;
}
export interface PageScoreResult {
  score: number;
  parts: ScorePart[];
  platform: { messages: number; answeredInTime: number; medianHours: number | null };
}

const sum = (weeks: WeekFacts[], key: keyof Omit<WeekFacts, 'answerHours'>): number =>
  weeks.reduce((s, w) => s + w[key], 0);
const clamp = (x: number): number => Math.max(0, Math.min(1, x));
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Fulfilment {
  share: number;
  value: number | null;
  note: string;
}

function fulfilment(metric: Criterion['metric'], target: number | null, f: PageFacts): Fulfilment {
  const posts = sum(f.weeks, 'posts');
  switch (metric) {
    case 'posting': {
      const due = f.postingNorm * f.weeksInPeriod;
      return { share: due ? clamp(posts / due) : 1, value: posts, note: `публикаций ${posts} при норме ${due}` };
    }
    case 'elements':
      return { share: f.passed.size / 4, value: f.passed.size, note: `элементов на месте: ${f.passed.size} из 4` };
    case 'gov_mark':
    case 'pos_widget': {
      const ok = f.passed.has(metric);
      return { share: ok ? 1 : 0, value: ok ? 1 : 0, note: ok ? 'подтверждено проверкой' : 'нет или не проверено' };
    }
    case 'views_per_post': {
      if (!posts) return { share: 0, value: null, note: 'нет публикаций' };
      const perPost = sum(f.weeks, 'views') / posts;
      return {
        share: clamp(perPost / (target ?? 1)),
        value: round(perPost, 1),
        note: `${round(perPost, 1)} просмотров на публикацию, цель ${target ?? '—'}`,
      };
    }
    case 'subscriber_growth': {
      const first = f.weeks[0]?.subscribers;
      const last = f.weeks[f.weeks.length - 1]?.subscribers;
      if (f.weeks.length < 2 || !first || last === undefined)
        return { share: 0, value: null, note: 'нужны хотя бы две недели' };
      const growth = ((last - first) / first) * 100;
      return {
        share: clamp(growth / (target ?? 1)),
        value: round(growth, 2),
        note: `рост ${round(growth, 2)} % при цели ${target ?? '—'} %`,
      };
    }
    case 'comment_answers': {
      const comments = sum(f.weeks, 'comments');
      if (!comments) return { share: 1, value: null, note: 'комментариев не было' };
      const answered = sum(f.weeks, 'answeredComments');
      return {
        share: clamp(answered / comments),
        value: round((answered / comments) * 100, 1),
        note: `отвечено ${answered} из ${comments}`,
      };
    }
    case 'answer_speed':
      return answerSpeed(target ?? 24, f);
  }
}

function answerSpeed(target: number, f: PageFacts): Fulfilment {
  if (f.platformHours.length) {
    const inTime = f.platformHours.filter((h) => h <= target).length;
    return {
      share: inTime / f.platformHours.length,
      value: inTime,
      note: `по данным платформы: в срок ${inTime} из ${f.platformHours.length}`,
    };
  }
  const imported = f.weeks.map((w) => w.answerHours).filter((h): h is number => h !== null);
  if (!imported.length) return { share: 0, value: null, note: 'нет данных об ответах' };
  const mean = imported.reduce((s, h) => s + h, 0) / imported.length;
  return {
    share: mean <= target ? 1 : target / mean,
    value: round(mean, 1),
    note: `по выгрузке: в среднем ${round(mean, 1)} ч`,
  };
}

export function scorePage(facts: PageFacts, criteria: readonly Criterion[]): PageScoreResult {
  const parts = criteria.map((c): ScorePart => {
    const { share, value, note } = fulfilment(c.metric, c.target, facts);
    return { metric: c.metric, title: c.title, points: c.points, earned: round(c.points * share, 2), value, note };
  });
  const target = criteria.find((c) => c.metric === 'answer_speed')?.target ?? 24;
  return {
    score: round(
      parts.reduce((s, p) => s + p.earned, 0),
      1,
    ),
    parts,
    platform: {
      messages: facts.platformHours.length + facts.platformPending,
      answeredInTime: facts.platformHours.filter((h) => h <= target).length,
      medianHours: median(facts.platformHours),
    },
  };
}
