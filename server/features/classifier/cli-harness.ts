import { Command } from 'commander';
import { registerClassify } from '../../cli/commands/classify';
import { registerTrain } from '../../cli/commands/train';

/** Runs `otklik train|classify …` in-process for tests: the lines each command prints, nothing written to the terminal. */
export async function runClassifierCli(...args: string[]): Promise<{ out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    out: (l: string) => {
      out.push(l);
    },
    err: (l: string) => {
      err.push(l);
    },
  };
  const program = new Command('otklik')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  registerTrain(program, io);
  registerClassify(program, io);
  await program.parseAsync(['node', 'otklik', ...args]);
  return { out, err };
}
