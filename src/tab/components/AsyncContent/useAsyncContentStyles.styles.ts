import { makeStyles, tokens } from '@fluentui/react-components';

export const useAsyncContentStyles = makeStyles({
  loading: { display: 'flex', justifyContent: 'flex-start', paddingBlock: tokens.spacingVerticalL },
  empty: { paddingBlock: tokens.spacingVerticalL, color: tokens.colorNeutralForeground2 },
});
