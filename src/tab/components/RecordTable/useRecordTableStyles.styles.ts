import { makeStyles, tokens } from '@fluentui/react-components';

export const useRecordTableStyles = makeStyles({
  wrapper: {
    overflowX: 'auto',
    maxWidth: '100%',
    ':focus-visible': {
      outlineStyle: 'solid',
      outlineWidth: tokens.strokeWidthThick,
      outlineColor: tokens.colorStrokeFocus2,
    },
  },
  // Columns as wide as their content needs (Fluent's default shares the width out evenly, which
  // squeezes words into each other on a narrow screen).
  table: { tableLayout: 'auto' },
  caption: {
    textAlign: 'start',
    paddingBlockEnd: tokens.spacingVerticalS,
    fontWeight: tokens.fontWeightSemibold,
  },
});
