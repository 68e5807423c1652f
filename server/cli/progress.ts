import cliProgress from 'cli-progress';
import type { Progress } from './operations';

/** A progress bar on stderr (so stdout keeps the summary lines); silent when stderr is not a terminal. */
export function createProgressBar(total: number | undefined): Progress {
  const started = Date.now();
  let count = 0;
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        {
          format: 'Импорт [{bar}] {value}/{total} · {rate} сообщ./с · осталось {eta_formatted}',
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(total ?? 0, 0, { rate: 0 });
  let lastLine = 0;
  return {
    total,
    tick(n = 1) {
      count += n;
      const rate = Math.round(count / Math.max(0.001, (Date.now() - started) / 1000));
      if (bar) {
        bar.update(count, { rate });
        return;
      }
      if (Date.now() - lastLine > 5000) {
        lastLine = Date.now();
        process.stderr.write(`… ${count}${total ? ` из ${total}` : ''} (${rate} сообщ./с)\n`);
      }
    },
    done() {
      bar?.stop();
    },
  };
}
