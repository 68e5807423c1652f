/**
 * The header the web app sends with every API request. A page on another site cannot send it to the platform
 * without a CORS preflight, which the platform never grants, so a state-changing request that carries it came
 * from the platform's own pages (server/http/csrf.ts checks it with the Origin and Sec-Fetch-Site headers).
 */
export const CSRF_HEADER = 'X-Otklik-Request';
export const CSRF_HEADER_VALUE = '1';
