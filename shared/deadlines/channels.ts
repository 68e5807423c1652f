// Channels through which citizens' messages reach the ЦУР.

export const CHANNELS = [
  'portal',
  'pos',
  'social_vk',
  'social_ok',
  'social_telegram',
  'messenger_telegram',
  'email',
  'phone',
  'letter',
  'web',
  'open311',
  'other',
] as const;

export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  portal: 'Портал',
  pos: 'ПОС (Госуслуги)',
  social_vk: 'ВКонтакте',
  social_ok: 'Одноклассники',
  social_telegram: 'Telegram-канал',
  messenger_telegram: 'Telegram-бот',
  email: 'Электронная почта',
  phone: 'Телефон',
  letter: 'Письмо',
  web: 'Сайт / виджет',
  open311: 'Open311',
  other: 'Другое',
};

const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNELS);

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && CHANNEL_SET.has(value);
}
