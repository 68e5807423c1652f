// zod compiles object schemas with `new Function` when it may: under the page's Content-Security-Policy (no
// 'unsafe-eval') even its probe for that is reported as a violation. Interpreted parsing is enough here.
// Its messages are Russian (shared/zod-russian.ts).
import { config } from 'zod';
import '../../../shared/zod-russian';

config({ jitless: true });
