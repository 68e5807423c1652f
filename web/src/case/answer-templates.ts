// A few starting points for answers; text in [brackets] must be replaced before sending.
export interface AnswerTemplate {
  id: string;
  kind: 'interim' | 'final';
  title: string;
  body: string;
}

export const ANSWER_TEMPLATES: readonly AnswerTemplate[] = [
  {
    id: 'accepted',
    kind: 'interim',
    title: 'Принято в работу',
    body: 'Здравствуйте! Ваше обращение принято в работу. Специалисты [организация] проводят проверку, о результатах сообщим дополнительно до [дата].',
  },
  {
    id: 'inspection',
    kind: 'interim',
    title: 'Выезд на место',
    body: 'Здравствуйте! По вашему обращению запланирован выезд специалистов на место [дата]. Окончательный ответ будет направлен по итогам осмотра.',
  },
  {
    id: 'done',
    kind: 'final',
    title: 'Работы выполнены',
    body: 'Здравствуйте! По вашему обращению выполнены работы: [что сделано]. Дата выполнения: [дата]. Фотографии и акт выполненных работ приложены. Если проблема повторится, сообщите нам.',
  },
  {
    id: 'planned',
    kind: 'final',
    title: 'Включено в план',
    body: 'Здравствуйте! Работы по вашему обращению включены в план на [срок]. Ответственный исполнитель: [организация]. Ход выполнения контролирует ЦУР Ярославской области.',
  },
  {
    id: 'explanation',
    kind: 'final',
    title: 'Разъяснение',
    body: 'Здравствуйте! Разъясняем: [суть разъяснения со ссылкой на нормативный акт]. По вопросам можно обратиться по телефону [телефон].',
  },
];

export function hasPlaceholders(text: string): boolean {
  return /\[[^\]]+\]/.test(text);
}
