import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractMessageIds, parseLetter, stripQuotedTail } from './parse-letter';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('parseLetter: letters as Russian mail clients send them', () => {
  it.each([
    [
      'utf8-plain.eml',
      'Не вывозят мусор во дворе',
      'Иван Петров',
      'ivan.petrov@example.ru',
      'контейнерная площадка переполнена',
    ],
    [
      'windows-1251-qp.eml',
      'Светофор не работает',
      'Мария Сидорова',
      'm.sidorova@example.org',
      'На перекрёстке улиц Садовой и Вокзальной не работает светофор, пешеходам',
    ],
    [
      'koi8r-base64.eml',
      'Нет горячей воды',
      'Алексей Кузнецов',
      'a.kuznetsov@example.net',
      'третий день нет горячей воды',
    ],
    [
      'koi8r-8bit.eml',
      'Яма на дороге',
      'Ольга Смирнова',
      'o.smirnova@example.net',
      'возле остановки "Школа" большая яма',
    ],
    [
      'html-only.eml',
      'Парк на улице Победы',
      'Пётр Волков',
      'p.volkov@example.com',
      'сломаны скамейки и не горят фонари',
    ],
  ])('%s: subject, author and body decoded', async (file, subject, name, address, phrase) => {
    const letter = await parseLetter(fixture(file));
    expect(letter.subject).toBe(subject);
    expect(letter.from).toEqual({ name, address });
    expect(letter.text).toContain(phrase);
    expect(letter.text).not.toMatch(/[\uFFFD<>]|=[0-9A-F]{2}/);
    expect(letter.problems).toEqual([]);
    expect(letter.externalId).toBe(letter.messageId);
    expect(letter.automatic).toBeNull();
  });

  it('bounces and auto-replies are recognised as written by a machine', async () => {
    const without = (file: string, header: string): Buffer =>
      Buffer.from(
        fixture(file)
          .toString('latin1')
          .replace(new RegExp(`^${header}:.*\\r\\n`, 'gm'), ''),
        'latin1',
      );
    expect((await parseLetter(fixture('bounce.eml'))).automatic).toBe('Auto-Submitted: auto-replied');
    expect((await parseLetter(without('bounce.eml', 'Auto-Submitted'))).automatic).toBe('отчёт о доставке');
    expect((await parseLetter(fixture('vacation-auto-reply.eml'))).automatic).toBe('Auto-Submitted: auto-replied');
    expect((await parseLetter(without('vacation-auto-reply.eml', 'Auto-Submitted'))).automatic).toBe('автоответ');
  });

  it('HTML-only letter becomes text without tags, styles or entities', async () => {
    const letter = await parseLetter(fixture('html-only.eml'));
    expect(letter.text).toBe(
      'Здравствуйте!\n\nВ парке на улице Победы сломаны скамейки и не горят фонари.\n\nС уважением,\nПётр Волков',
    );
  });

  it('attachments keep their name, type, size and decoded content', async () => {
    const letter = await parseLetter(fixture('with-attachment.eml'));
    expect(letter.text).toBe('Прикладываю фото упавшего дерева у школы № 5 на улице Гагарина и заявление.');
    expect(letter.attachments.map(({ content: _c, ...meta }) => meta)).toEqual([
      { name: 'derevo.jpg', mimeType: 'image/jpeg', size: 1030 },
      { name: 'Заявление.pdf', mimeType: 'application/pdf', size: 54 },
    ]);
    expect(letter.attachments.map((a) => a.content.length)).toEqual([1030, 54]);
    expect(letter.attachments[0]!.content.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(letter.attachments[1]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('a reply names the letter it answers', async () => {
    const letter = await parseLetter(fixture('reply.eml'));
    expect(letter.inReplyTo).toEqual(['utf8-plain-1@mail.example.ru']);
    expect(letter.references).toEqual(['utf8-plain-1@mail.example.ru']);
    expect(stripQuotedTail(letter.text)).toBe('Добавляю: сегодня у площадки появились крысы.');
  });

  it('unknown charset: 8-bit Cyrillic read as windows-1251, the guess recorded; no Message-ID → stable header hash', async () => {
    const letter = await parseLetter(fixture('unknown-charset.eml'));
    expect(letter.text).toBe('На улице Зелёной не горят фонари с понедельника.');
    expect(letter.subject).toBe('Освещение');
    expect(letter.problems).toEqual(['неизвестная кодировка x-cyrillic-custom: прочитано как windows-1251']);
    expect(letter.messageId).toBeNull();
    expect(letter.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await parseLetter(fixture('unknown-charset.eml'))).externalId).toBe(letter.externalId);
    expect(letter.from).toEqual({ name: null, address: 'sender-without-name@example.ru' });
  });

  it('broken MIME: readable part kept, damage noted, bad date ignored', async () => {
    const letter = await parseLetter(fixture('broken-mime.eml'));
    expect(letter.text).toContain('В доме нет отопления.');
    expect(letter.problems).toContain('часть текста не удалось декодировать');
    expect(letter.date).toBeNull();
    expect(letter.externalId).toBe('broken-9@mail.example.ru');
  });

  it('garbage bytes and an empty letter still give a storable text', async () => {
    const garbage = await parseLetter(Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10]));
    expect(garbage.text.length).toBeGreaterThan(0);
    expect(garbage.externalId).toMatch(/^sha256:/);
    const empty = await parseLetter(Buffer.from('Subject: =?utf-8?B?0J/Rg9GB0YLQvg==?=\r\nFrom: a@b.ru\r\n\r\n'));
    expect(empty.text).toBe('Пусто\n(письмо без текста)');
  });

  it('when the MIME parser gives up, the raw text and the threading headers are kept', async () => {
    const failing = async (): Promise<never> => {
      throw new Error('Unexpected end of input');
    };
    const letter = await parseLetter(fixture('reply.eml'), failing);
    expect(letter.problems).toEqual(['письмо не разобрано (Unexpected end of input): сохранён исходный текст']);
    expect(letter).toMatchObject({
      messageId: 'reply-7@mail.example.ru',
      externalId: 'reply-7@mail.example.ru',
      inReplyTo: ['utf8-plain-1@mail.example.ru'],
    });
    expect(letter.from.address).toBe('ivan.petrov@example.ru');
    expect(letter.text).toContain('Добавляю: сегодня у площадки появились крысы.');
  });
});

describe('Message-IDs and quoted replies', () => {
  it('extracts bracketed ids from header values, bare ids when there are no brackets', () => {
    expect(extractMessageIds('<a@b> <c@d>\r\n <a@b>')).toEqual(['a@b', 'c@d']);
    expect(extractMessageIds(['<a@b>', '<e@f>'])).toEqual(['a@b', 'e@f']);
    expect(extractMessageIds('a@b')).toEqual(['a@b']);
    expect(extractMessageIds(undefined)).toEqual([]);
  });

  it('keeps the whole text when it is all quotation, and text between quotes', () => {
    expect(stripQuotedTail('> только цитата')).toBe('> только цитата');
    expect(stripQuotedTail('Ответ\n> цитата\nещё текст')).toBe('Ответ\n> цитата\nещё текст');
    expect(stripQuotedTail('Новое\n\nOn Mon, Ivan wrote:\n> old')).toBe('Новое');
  });
});
