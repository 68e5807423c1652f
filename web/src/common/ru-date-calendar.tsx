// The calendar popup of the date field (ru-date-input.tsx): react-day-picker with its Russian locale and styles,
// a chunk of its own loaded when a calendar is first wanted, so no screen evaluates it before its first rows.
import { DayPicker } from 'react-day-picker';
import { ru } from 'react-day-picker/locale';
import 'react-day-picker/style.css';

interface Props {
  selected: Date | undefined;
  onSelect: (day: Date) => void;
}

export function RuDateCalendar({ selected, onSelect }: Props) {
  return (
    <DayPicker
      mode="single"
      locale={ru}
      weekStartsOn={1}
      autoFocus
      selected={selected}
      defaultMonth={selected}
      onSelect={(d) => {
        if (d) onSelect(d);
      }}
    />
  );
}
