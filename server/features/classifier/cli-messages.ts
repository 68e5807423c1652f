// Shared wording and error type of the classifier's command-line commands.

/** An error whose message is meant for the person running the command (exit code 1). */
export class ClassifierCliError extends Error {
  override readonly name = 'ClassifierCliError';
}

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export const processOutput: CliOutput = {
  out: (line) => {
    process.stdout.write(`${line}\n`);
  },
  err: (line) => {
    process.stderr.write(`${line}\n`);
  },
};

export const describeIoError = (action: string, path: string, error: unknown): ClassifierCliError => {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const reason =
    code === 'ENOENT'
      ? 'файл не найден'
      : code === 'EACCES'
        ? 'нет доступа'
        : code === 'EISDIR'
          ? 'это папка, а не файл'
          : error instanceof Error
            ? error.message
            : String(error);
  return new ClassifierCliError(`не удалось ${action} «${path}»: ${reason}`);
};
