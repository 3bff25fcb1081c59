import { Combobox, Field, Option } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { PersonRef } from '../../../domain/records.js';
import { useServices } from '../../services/ServicesContext.js';

type Found = PersonRef & { readonly detail: string };

/**
 * Finds people in the organisation through Graph ($search on name and mail, which needs
 * ConsistencyLevel: eventual) and returns the one chosen, by Entra object id and display name.
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
  const { graph } = useServices();
  const [query, setQuery] = useState(value?.displayName ?? '');
  const [found, setFound] = useState<Found[]>([]);
  const [error, setError] = useState<string | undefined>();
  const latest = useRef(0);
  useEffect(() => {
    const text = query.trim();
    if (text.length < 2 || text === value?.displayName) return;
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      const term = text.replace(/"/g, '');
      graph
        .api('/users')
        .header('ConsistencyLevel', 'eventual')
        .query({ $search: `"displayName:${term}" OR "mail:${term}"` })
        .select('id,displayName,jobTitle,department')
        .top(10)
        .get()
        .then(
          (res: {
            value: Array<{
              id: string;
              displayName: string;
              jobTitle?: string | null;
              department?: string | null;
            }>;
          }) => {
            if (ticket !== latest.current) return;
            setError(undefined);
            setFound(
              res.value.map((u) => ({
                id: u.id,
                displayName: u.displayName,
                detail: [u.jobTitle, u.department].filter(Boolean).join(', '),
              })),
            );
          },
          (e: unknown) =>
            ticket === latest.current &&
            setError(`People could not be searched: ${(e as Error).message}`),
        );
    }, 250);
    return () => clearTimeout(timer);
  }, [query, graph, value?.displayName]);
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
