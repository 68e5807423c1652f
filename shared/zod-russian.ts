// zod's own messages (a missing field, a number out of range, a wrong type) in Russian, on the server (the 400s of
// request validation carry them in `details`) and in the web app: `z.config` is global to the zod package.
import { config, locales } from 'zod';

config(locales.ru());
