import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClassifierCli } from './cli-harness';

const dir = mkdtempSync(join(tmpdir(), 'otklik-classifier-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runClassifierCli;

const TEXTS: Readonly<Record<string, readonly string[]>> = {
  water: [
    'Нет горячей воды',
    'Нет холодной воды третий день',
    'Ржавая вода из крана',
    'Отключили воду',
    'Слабый напор воды',
    'Вода только холодная',
  ],
  waste: [
    'Не вывозят мусор',
    'Контейнеры переполнены мусором',
    'Мусор не вывезли',
    'Мусоровоз не приезжал',
    'Свалка у баков',
    'Мусор у контейнеров',
  ],
  roads: [
    'Яма на дороге',
    'Огромные ямы на дороге',
    'Разбит асфальт',
    'Провал асфальта',
    'Выбоины на дороге',
    'Ямы на проезжей части',
  ],
};

const writeLines = (name: string, lines: readonly string[]): string => {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
};

const labelled = Object.entries(TEXTS).flatMap(([label, texts]) =>
  texts.map((text, i) => JSON.stringify({ id: `${label}-${i}`, text, labels: { category: label } })),
);
const data = writeLines('train.jsonl', [
  ...labelled,
  '{"id":"x","text":"без метки"}',
  '{oops',
  JSON.stringify({ id: 'y', text: 'метка null', labels: { category: null } }),
]);
const model = join(dir, 'models', 'test.model');

describe('otklik train', () => {
  it('trains from a dotted label path, skipping rows without a label and bad JSON lines', async () => {
    const { out, err } = await run('train', '--data', data, '--label', 'labels.category', '--out', model);
    expect(out[0]).toBe('Примеров: 18, меток: 3; пропущено строк без метки: 2');
    expect(out[1]).toMatch(
      /^Качество \(5-fold stratified cross-validation, 18 прогнозов\): macro-F1 0\.\d{4}, accuracy 0\.\d{4}$/,
    );
    expect(out[2]).toContain('Модель: ');
    expect(err.join('\n')).toContain('строка 20: неверный JSON');
    expect(readFileSync(model).subarray(0, 8).toString()).toBe('OTKLIKCL');
  });

  it('evaluates on later months than it trains on when every row has created_at', async () => {
    const months = ['2021-01-15T10:00:00', '2021-02-03T09:00:00', '2021-03-20T12:00:00'];
    const dated = Object.entries(TEXTS).flatMap(([label, texts]) =>
      texts.map((text, i) => JSON.stringify({ text, category: label, created_at: months[i % months.length] })),
    );
    const { out } = await run(
      'train',
      '--data',
      writeLines('dated.jsonl', dated),
      '--label',
      'category',
      '--out',
      join(dir, 'dated.model'),
    );
    // Rolling folds: February scored by a model of January, March by one of January and February (6 + 6 messages).
    expect(out[1]).toMatch(/^Качество \(time-ordered rolling evaluation \(2 periods\), 12 прогнозов\)/);
    const undated = [...dated.slice(1), JSON.stringify({ text: TEXTS.water?.[0], category: 'water' })];
    const { out: mixed } = await run(
      'train',
      '--data',
      writeLines('undated.jsonl', undated),
      '--label',
      'category',
      '--out',
      join(dir, 'undated.model'),
    );
    expect(mixed[1]).toContain('5-fold stratified cross-validation');
  });

  it('fails clearly when the label field is in no row', async () => {
    await expect(
      run('train', '--data', data, '--label', 'labels.topic', '--out', join(dir, 'x.model')),
    ).rejects.toThrow(/поле метки «labels.topic» не найдено/);
  });

  it('fails clearly on an unreadable file', async () => {
    await expect(
      run('train', '--data', join(dir, 'missing.jsonl'), '--label', 'x', '--out', join(dir, 'x.model')),
    ).rejects.toThrow(/не удалось прочитать файл данных .*файл не найден/);
  });
});

describe('otklik classify', () => {
  it('writes one line per input line with id from id or externalId', async () => {
    const input = join(dir, 'in.jsonl');
    const cp1251 = Buffer.from([0xdf, 0xec, 0xe0, 0x20, 0xed, 0xe0, 0x20, 0xe4, 0xee, 0xf0, 0xee, 0xe3, 0xe5]); // «Яма на дороге»
    writeFileSync(
      input,
      Buffer.concat([
        Buffer.from(
          '{"id": 7, "text": "Не вывозят мусор, контейнеры переполнены"}\n{"externalId": "ext-1", "text": "нет горячей воды"}\n{"id": "e", "text": ""}\n',
        ),
        Buffer.from('{"id": "cp", "text": "'),
        cp1251,
        Buffer.from('"}\n'),
        Buffer.from('{"text": "без id"}\nnot json\n'),
      ]),
    );
    const output = join(dir, 'out', 'predictions.jsonl');
    const { out } = await run('classify', '--model', model, '--in', input, '--out', output);
    expect(out[0]).toMatch(/^Классифицировано сообщений: 5/);
    const lines = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(6);
    expect(lines.map((l) => l.id)).toEqual([7, 'ext-1', 'e', 'cp', null, null]);
    expect(lines.map((l) => l.label).slice(0, 4)).toEqual(['waste', 'water', expect.any(String), 'roads']);
    const first = lines[0] as { confidence: number; top: { label: string; score: number }[] };
    expect(first.confidence).toBeGreaterThan(0);
    expect(first.confidence).toBeLessThanOrEqual(1);
    expect(first.top[0]).toEqual({ label: 'waste', score: first.confidence });
    expect(first.top).toHaveLength(3);
    expect(lines[5]).toMatchObject({ line: 6, error: 'invalid JSON' });
  });

  it('uses the built-in block → category classifier with --model default', async () => {
    const input = writeLines('default-in.jsonl', [
      JSON.stringify({ externalId: 'a1', text: 'огромные ямы на дороге' }),
    ]);
    const output = join(dir, 'default-out.jsonl');
    await run('classify', '--model', 'default', '--in', input, '--out', output, '--top', '2');
    const line = JSON.parse(readFileSync(output, 'utf8')) as Record<string, unknown>;
    expect(line).toMatchObject({ id: 'a1', label: 'roads.potholes', block: 'roads', category: 'potholes' });
    expect(line.top).toHaveLength(2);
  });

  it('fails clearly on a file that is not a model', async () => {
    await expect(run('classify', '--model', data, '--in', data, '--out', join(dir, 'o.jsonl'))).rejects.toThrow(
      /not an Otklik classifier model file/,
    );
  });
});
