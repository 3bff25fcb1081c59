import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  MessageBar,
  MessageBarBody,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { useState } from 'react';
import { MESSAGES, type UserMessage } from '../../domain/messages.js';
import { UserMessageText } from '../components/UserMessage/UserMessage.js';

/**
 * "Child at risk now": raised at any time, outside the audit's pace, with the reason. The reason
 * stays in the partnership's site; the escalation itself carries no detail about the child.
 */
/** Stays mounted once raised (only its button goes), so that Fluent restores the page as the dialog closes. */
export function ChildAtRiskDialog({
  raised,
  onRaise,
}: {
  raised: boolean;
  onRaise: (reason: string) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<UserMessage | undefined>();
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const raise = async () => {
    setTried(true);
    if (reason.trim() === '') return;
    setBusy(true);
    setError(undefined);
    try {
      await onRaise(reason.trim());
      setOpen(false);
      setReason('');
      setTried(false);
    } catch (e) {
      setError(MESSAGES.childAtRiskFailed(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)} modalType="modal">
      <DialogTrigger disableButtonEnhancement>
        <Button
          appearance="primary"
          style={{ alignSelf: 'flex-start', display: raised ? 'none' : undefined }}
        >
          Child at risk now
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Raise: child at risk now</DialogTitle>
          <DialogContent>
            <Text as="p">
              Use this when the record shows the child is at risk today. It is recorded on the audit
              at once, shown to everyone with access, and the business manager and agency lead are
              told straight away.
            </Text>
            <Field
              label="Why the child is at risk now"
              required
              validationMessage={
                tried && reason.trim() === ''
                  ? 'Give the reason: the people who act on it need it.'
                  : undefined
              }
            >
              <Textarea
                value={reason}
                onChange={(_, d) => setReason(d.value)}
                resize="vertical"
                rows={4}
              />
            </Field>
            {error && (
              <MessageBar intent="error" role="alert">
                <MessageBarBody>
                  <UserMessageText message={error} />
                </MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button>Cancel</Button>
            </DialogTrigger>
            <Button appearance="primary" disabled={busy} onClick={() => void raise()}>
              Raise now
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
