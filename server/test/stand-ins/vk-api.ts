import { startLoopbackStandIn, type LoopbackStandIn } from './loopback-server';

// The VK API (https://dev.vk.com/ru/reference) on loopback: POST /method/<name> with form fields (access_token, v,
// parameters), answers {"response":…} or {"error":{…}}. Like VK, it posts a message only once per random_id
// (messages.send), a comment only once per guid (wall.createComment) and a wall post only once per guid (wall.post),
// returning the first result on a repeat.
export interface VkStandIn extends LoopbackStandIn {
  /** What VK actually posted (after its own deduplication). */
  readonly posted: { method: string; params: Record<string, unknown> }[];
}

export async function startVkStandIn(accessToken: string): Promise<VkStandIn> {
  const posted: VkStandIn['posted'] = [];
  const byKey = new Map<string, number>();
  let id = 500;
  const post = (method: string, params: Record<string, unknown>, key: string): number => {
    const seen = byKey.get(key);
    if (seen !== undefined) return seen;
    id++;
    byKey.set(key, id);
    posted.push({ method, params });
    return id;
  };
  const error = (code: number, msg: string, params: Record<string, unknown>) => ({
    status: 200,
    body: {
      error: {
        error_code: code,
        error_msg: msg,
        request_params: Object.entries(params)
          .filter(([k]) => k !== 'access_token')
          .map(([key, value]) => ({ key, value: String(value) })),
      },
    },
  });
  const standIn = await startLoopbackStandIn(
    (path) => {
      const m = /^\/method\/([\w.]+)$/.exec(path);
      return m ? { token: '', method: m[1] ?? '' } : null;
    },
    (method, params) => {
      if (params.access_token !== accessToken)
        return error(5, 'User authorization failed: invalid access_token (4).', params);
      switch (method) {
        case 'messages.send': {
          if (!params.peer_id || params.random_id === undefined || !params.message)
            return error(100, 'One of the parameters specified was missing or invalid', params);
          return {
            status: 200,
            body: { response: post(method, params, `m:${String(params.peer_id)}:${String(params.random_id)}`) },
          };
        }
        case 'wall.createComment': {
          if (!params.post_id || !params.message)
            return error(100, 'One of the parameters specified was missing or invalid', params);
          const key = params.guid ? `c:${String(params.guid)}` : `c:${Math.random()}`;
          return { status: 200, body: { response: { comment_id: post(method, params, key), parents_stack: [] } } };
        }
        case 'wall.post': {
          if (!params.owner_id || !params.message)
            return error(100, 'One of the parameters specified was missing or invalid', params);
          const key = params.guid ? `p:${String(params.guid)}` : `p:${Math.random()}`;
          return { status: 200, body: { response: { post_id: post(method, params, key) } } };
        }
        default:
          return error(3, 'Unknown method passed', params);
      }
    },
    () => ({ status: 500, body: { error: { error_code: 10, error_msg: 'Internal server error' } } }),
  );
  return Object.assign(standIn, { posted });
}
