import { Button, makeStyles, Text, tokens, useId } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronUpRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { sentenceOf, type UserMessage as Message } from '../../../domain/messages.js';

const useStyles = makeStyles({
  details: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
    display: 'block',
    margin: 0,
  },
});

/**
 * What Graph or the network said, behind a "Details" toggle under the product's sentence: there
 * for whoever supports the person, never in the sentence itself. Nothing when there is nothing.
 */
export function MessageDetails({ details }: { details: string }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const id = useId('message-details');
  if (details === '') return null;
  return (
    <>
      <Button
        appearance="transparent"
        size="small"
        aria-expanded={open}
        aria-controls={id}
        icon={open ? <ChevronUpRegular /> : <ChevronDownRegular />}
        onClick={() => setOpen((o) => !o)}
      >
        Details
      </Button>
      <Text as="span" id={id} className={styles.details} hidden={!open}>
        {details}
      </Text>
    </>
  );
}

/** A message of the catalogue (src/domain/messages.ts): its sentence, then its details. */
export function UserMessageText({ message }: { message: Message }) {
  return (
    <>
      <span>{sentenceOf(message)}</span> <MessageDetails details={message.details} />
    </>
  );
}
