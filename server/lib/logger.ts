// A tiny structured logger interface; the HTTP server passes Fastify's pino logger, the CLI a console one.
export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}
const write =
  (level: string) =>
  (obj: object | string, msg?: string): void => {
    const line = typeof obj === 'string' ? obj : `${msg ?? ''} ${JSON.stringify(obj)}`;
    process.stderr.write(`[${level}] ${line}\n`);
  };
export const consoleLogger: Logger = {
  info: write('info'),
  warn: write('warn'),
  error: write('error'),
  debug: () => {},
};
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
