import { Combobox, Field, Option } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { PersonRef } from '../../../domain/records.js';
import type { FoundPerson } from '../../../graph/people.js';
import { useServices } from '../../services/ServicesContext.js';
import { MESSAGES, sentenceOf } from '../../../domain/messages.js';

/**
 * Finds people in the organisation through the graph layer's people search and returns the one
 * chosen, by Entra object id and display name.
 */
export function PeoplePicker({
  id,
  label,
  value,
  onChange,
  validationMessage,
  required,
}: {
  id: string;
  label: string;
  value: PersonRef | undefined;
  onChange: (person: PersonRef | undefined) => void;
  validationMessage?: string | undefined;
  required?: boolean;
}) {
  const { people } = useServices();
  const [query, setQuery] = useState(value?.displayName ?? '');
  const [found, setFound] = useState<FoundPerson[]>([]);
  const [error, setError] = useState<string | undefined>();
  const latest = useRef(0);
  useEffect(() => {
    const text = query.trim();
    if (text.length < 2 || text === value?.displayName) return;
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      people.search(text).then(
        (res) => {
          if (ticket !== latest.current) return;
          setError(undefined);
          setFound(res);
        },
        (e: unknown) =>
          ticket === latest.current && setError(sentenceOf(MESSAGES.peopleSearchFailed(e))),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [query, people, value?.displayName]);
  return (
    <Field label={label} required={required} validationMessage={validationMessage ?? error}>
      <Combobox
        id={id}
        freeform
        placeholder="Type a name to search"
        value={query}
        selectedOptions={value ? [value.id] : []}
        onChange={(e) => {
          setQuery(e.target.value);
          if (value) onChange(undefined);
        }}
        onOptionSelect={(_, data) => {
          const person = found.find((p) => p.id === data.optionValue);
          onChange(person ? { id: person.id, displayName: person.displayName } : undefined);
          setQuery(person?.displayName ?? '');
        }}
      >
        {found.map((p) => (
          <Option key={p.id} value={p.id} text={p.displayName}>
            {p.displayName}
            {p.detail ? ` (${p.detail})` : ''}
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}
