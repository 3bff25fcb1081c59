import {
  Button,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { LocalPerson } from '../host/localHost.js';

const useStyles = makeStyles({
  root: {
    maxWidth: '720px',
    margin: '0 auto',
    padding: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  heading: { margin: 0 },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/**
 * Local mode's sign-in: choose one of the emulator's fictional people. Each is shown with their
 * role and agency, so that a tester can take any part in the cycle.
 */
export function LocalSignIn({
  people,
  remembered,
  onSignIn,
}: {
  people: LocalPerson[];
  remembered: string | null;
  onSignIn: (person: LocalPerson) => void;
}) {
  const styles = useStyles();
  const [chosen, setChosen] = useState<string>(remembered ?? people[0]?.id ?? '');
  const person = people.find((p) => p.id === chosen);
  return (
    <main className={styles.root}>
      <Text as="h1" size={700} weight="semibold" className={styles.heading}>
        Case audit: sign in (local mode)
      </Text>
      <Text as="p">
        This is the local emulator of Microsoft 365 with a fictional partnership. Choose who to be;
        no password is needed and nothing here is real.
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (person) onSignIn(person);
        }}
        className={styles.group}
      >
        <Field label="Sign in as">
          <RadioGroup value={chosen} onChange={(_, data) => setChosen(data.value)}>
            {people.map((p) => (
              <Radio
                key={p.id}
                value={p.id}
                label={`${p.displayName}: ${p.jobTitle}, ${p.department}`}
              />
            ))}
          </RadioGroup>
        </Field>
        <div>
          <Button appearance="primary" type="submit" disabled={!person}>
            Sign in{person ? ` as ${person.displayName}` : ''}
          </Button>
        </div>
      </form>
    </main>
  );
}
