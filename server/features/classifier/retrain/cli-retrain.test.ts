import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../../boot';
import { runOperation } from '../../../cli/run-operation';
import { loadConfig } from '../../../config';
import { silentLogger } from '../../../lib/logger';

// `otklik train --from-db` and `otklik models list|activate` run as operations on the embedded data folder
// (the same operations the running server executes when it holds the folder).
const dir = mkdtempSync(join(tmpdir(), 'otklik-retrain-cli-'));
const config = loadConfig({ OTKLIK_DATA_DIR: dir });

const WATER = [
  'Нет горячей воды в квартире',
  'Горячую воду отключили без предупреждения',
  'Третий день нет горячей воды',
  'Из крана идёт только холодная вода',
  'Когда дадут горячую воду в доме',
  'Горячей воды нет во всём подъезде',
  'Отключили горячую воду на месяц',
  'Чуть тёплая вода вместо горячей',
  'Нет горячей воды уже неделю',
  'Горячая вода идёт ржавая',
  'Горячую воду дают только ночью',
  'Опять нет горячей воды',
];

describe('otklik train --from-db through runOperation', () => {
  it('explains that there is nothing to learn from, then trains, lists and activates versions', async () => {
    await expect(runOperation('classifier.train', {}, {}, config)).rejects.toThrow(/нет исправлений операторов/);
    expect(await runOperation('classifier.models', {}, {}, config)).toEqual([
      'Сохранённых версий нет: используется встроенная модель по умолчанию.',
    ]);

    const services = await createServices(config, { log: silentLogger });
    await services.database.db
      .insertInto('training_examples')
      .values(WATER.map((text) => ({ text, block_code: 'zhkh', category_code: 'water', source: 'correction' })))
      .execute();
    await services.database.close();

    const lines = await runOperation('classifier.train', { tolerance: 0.05, out: join(dir, 'v1.model') }, {}, config);
    expect(lines[0]).toMatch(/исправлений операторов: 12/);
    expect(lines.join('\n')).toMatch(/Контрольный набор — новая: блок F1 0\.\d{3}/);
    expect(lines.at(-1)).toMatch(/^Версия 1 включена: она не хуже, чем встроенная модель по умолчанию\.$/);
    const listed = await runOperation('classifier.models', {}, {}, config);
    expect(listed[0]).toMatch(/^1\tдействующая\t/);
    expect(await runOperation('classifier.activate', { version: 1 }, {}, config)).toEqual([
      'Версия 1 классификатора включена.',
    ]);
  }, 180_000);
});
