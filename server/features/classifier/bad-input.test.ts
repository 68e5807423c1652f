import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClassifierCli } from './cli-harness';
import { cleanText, repairMojibake } from './dataset';

// Bad input for `otklik train` and `otklik classify`: wrong encodings, empty and huge texts, missing fields.
const dir = mkdtempSync(join(tmpdir(), 'otklik-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runClassifierCli;

const CP1251 = new TextDecoder('windows-1251');
const cp1251Bytes = (text: string): Buffer => {
  const map = new Map([...CP1251.decode(Uint8Array.from({ length: 256 }, (_, i) => i))].map((ch, i) => [ch, i]));
  return Buffer.from([...text].map((ch) => map.get(ch) ?? 0x3f));
};
/** UTF-8 bytes shown as windows-1251 characters: what a wrong «open as» and «save» leaves behind. */
const mojibake = (text: string): string => CP1251.decode(Buffer.from(text, 'utf8'));

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
};
const rows = Object.entries(TEXTS).flatMap(([label, texts]) =>
  texts.map((text, i) => ({ id: `${label}-${i}`, text, label })),
);
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const jsonl = (items: readonly object[]): string => `${items.map((r) => JSON.stringify(r)).join('\n')}\n`;

describe('encodings', () => {
  it('repairs UTF-8 read as windows-1251 and leaves ordinary Russian alone', () => {
    expect(repairMojibake(mojibake('Не вывозят мусор третью неделю'))).toBe('Не вывозят мусор третью неделю');
    expect(repairMojibake('Россия, Саратов, Сызрань — сосны и реки')).toBeNull();
    expect(cleanText('Вода из крана ржавая').issue).toBeNull();
    expect(cleanText('\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD \uFFFD\uFFFD\uFFFD\uFFFD').issue).toBe('replacement');
  });

  it('trains on a whole file in windows-1251', async () => {
    const data = file('cp1251.jsonl', cp1251Bytes(jsonl(rows)));
    const model = join(dir, 'cp1251.model');
    const { out } = await run('train', '--data', data, '--label', 'label', '--out', model, '--no-eval');
    expect(out[0]).toBe('Примеров: 12, меток: 2');
    const input = file('cp1251-in.jsonl', cp1251Bytes(jsonl([{ id: 1, text: 'Не вывозят мусор с площадки' }])));
    const output = join(dir, 'cp1251-out.jsonl');
    await run('classify', '--model', model, '--in', input, '--out', output);
    expect(JSON.parse(readFileSync(output, 'utf8'))).toMatchObject({ id: 1, label: 'waste' });
  });

  it('train: mojibake is repaired, lost letters are skipped, both reported by line', async () => {
    const bad = [
      { id: 'm', text: mojibake('Нет горячей воды в квартире'), label: 'water' },
      { id: 'r', text: '\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD', label: 'waste' },
    ];
    const data = file('mixed.jsonl', jsonl([...rows, ...bad]));
    const { out, err } = await run(
      'train',
      '--data',
      data,
      '--label',
      'label',
      '--out',
      join(dir, 'mixed.model'),
      '--no-eval',
    );
    expect(err.join('\n')).toMatch(
      /строк: 1 \(13\) — текст в UTF-8 был когда-то прочитан как windows-1251.*исправлено/,
    );
    expect(err.join('\n')).toMatch(/строк: 1 \(14\) — текст содержит «�».*пропущены/);
    expect(out[0]).toBe('Примеров: 13, меток: 2; пропущено строк без метки: 1');
  });

  it('classify: a mojibake text is classified as the original would be, and reported', async () => {
    const model = join(dir, 'cp1251.model');
    const input = file('moji-in.jsonl', jsonl([{ id: 'a', text: mojibake('Не вывозят мусор с площадки') }]));
    const output = join(dir, 'moji-out.jsonl');
    const { err } = await run('classify', '--model', model, '--in', input, '--out', output);
    expect(JSON.parse(readFileSync(output, 'utf8'))).toMatchObject({ id: 'a', label: 'waste' });
    expect(err.join('\n')).toMatch(/исправлено/);
  });
});

describe('missing and odd fields', () => {
  it('a label field that is present but always empty, and a single label, are clear errors', async () => {
    const empty = file('nolabel.jsonl', jsonl(rows.map((r) => ({ ...r, label: null }))));
    await expect(run('train', '--data', empty, '--label', 'label', '--out', join(dir, 'x.model'))).rejects.toThrow(
      /нет ни одной строки с непустой меткой «label»/,
    );
    const single = file('single.jsonl', jsonl(rows.map((r) => ({ ...r, label: 'water' }))));
    await expect(run('train', '--data', single, '--label', 'label', '--out', join(dir, 'x.model'))).rejects.toThrow(
      /одна и та же метка «water».*хотя бы две/,
    );
  });

  it('train without --data/--label or with --from-db and --data explains what to pass', async () => {
    await expect(run('train', '--out', join(dir, 'x.model'))).rejects.toThrow(/укажите --data, --label и --out/);
    await expect(run('train', '--from-db', '--data', 'x.jsonl')).rejects.toThrow(/--from-db обучает на базе/);
  });

  it('classify: an unknown text field is a clear error', async () => {
    const input = file('notext.jsonl', jsonl([{ id: 1, body: 'Не вывозят мусор' }]));
    await expect(
      run(
        'classify',
        '--model',
        join(dir, 'cp1251.model'),
        '--in',
        input,
        '--out',
        join(dir, 'o.jsonl'),
        '--text',
        'message',
      ),
    ).rejects.toThrow(/текстовое поле «message» не найдено/);
  });
});

describe('the output contract on empty and huge texts', () => {
  it('{"id","label","confidence","top"} for every line: empty text, 1 MB of HTML, ordinary text', async () => {
    const html = `<html><body>${'<div class="x"><p>Не вывозят <b>мусор</b> &nbsp; с площадки</p></div>'.repeat(16_000)}</body></html>`;
    expect(html.length).toBeGreaterThan(1_000_000);
    const input = file(
      'contract-in.jsonl',
      jsonl([
        { id: 'empty', text: '' },
        { id: 'html', text: html },
        { externalId: 'plain', text: 'нет горячей воды' },
      ]),
    );
    const output = join(dir, 'contract-out.jsonl');
    await run('classify', '--model', join(dir, 'cp1251.model'), '--in', input, '--out', output, '--top', '2');
    const lines = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['id', 'label', 'confidence', 'top']);
      const top = line.top as { label: string; score: number }[];
      expect(top).toHaveLength(2);
      for (const t of top) expect(Object.keys(t)).toEqual(['label', 'score']);
      expect(line.confidence).toBe(top[0]?.score);
      expect(top[0]?.label).toBe(line.label);
    }
    expect(lines.map((l) => [l.id, l.label])).toEqual([
      ['empty', expect.any(String)],
      ['html', 'waste'],
      ['plain', 'water'],
    ]);
  });
});
