import { z } from 'zod';
import { dayNumberOf } from '../deadlines/moscow-time';

const ISO_DATE = /^\d{4}-\d\d-\d\d$/;

/** Whether `YYYY-MM-DD` (the leading date of a timestamp) is a day of the calendar: not 2026-02-30, not 2026-13-01. */
export function isCalendarDate(isoDate: string): boolean {
  try {
    dayNumberOf(isoDate);
    return true;
  } catch {
    return false;
  }
}

/** A calendar date `ГГГГ-ММ-ДД` of every API (query periods, plan dates): an impossible date is a 400, not a 500. */
export const isoDate = z
  .string()
  .regex(ISO_DATE, 'ожидается дата ГГГГ-ММ-ДД')
  .refine((s) => !ISO_DATE.test(s) || isCalendarDate(s), 'такой даты нет в календаре (ожидается ГГГГ-ММ-ДД)');
