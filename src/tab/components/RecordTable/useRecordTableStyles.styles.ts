import { makeStyles, tokens } from '@fluentui/react-components';

export const useRecordTableStyles = makeStyles({
  wrapper: { overflowX: 'auto' },
  caption: {
    textAlign: 'start',
    paddingBlockEnd: tokens.spacingVerticalS,
    fontWeight: tokens.fontWeightSemibold,
  },
});
