import { randomUUID } from 'node:crypto';
import { badRequest } from '../errors.js';

/**
 * SharePoint column definitions as Graph shows them, and the rules SharePoint applies to the
 * values written into them.
 */

export type ColumnKind = 'text' | 'number' | 'boolean' | 'dateTime' | 'choice';

export type ColumnDoc = {
  id: string;
  name: string;
  displayName: string;
  description: string;
  columnGroup: string;
  enforceUniqueValues: boolean;
  hidden: boolean;
  indexed: boolean;
  readOnly: boolean;
  required: boolean;
  text?: {
    allowMultipleLines: boolean;
    appendChangesToExistingText: boolean;
    linesForEditing: number;
    maxLength: number;
    textType?: string;
  };
  number?: { decimalPlaces: string; displayAs: string; maximum: number; minimum: number };
  boolean?: Record<string, never>;
  dateTime?: { displayAs: string; format: 'dateOnly' | 'dateTime' };
  choice?: { allowTextEntry: boolean; choices: string[]; displayAs: string };
};

const KINDS: readonly ColumnKind[] = ['text', 'number', 'boolean', 'dateTime', 'choice'];
const UNSUPPORTED = [
  'personOrGroup',
  'lookup',
  'currency',
  'calculated',
  'hyperlinkOrPicture',
  'geolocation',
  'term',
  'thumbnail',
  'contentApprovalStatus',
  'hyperlink',
];
/** SharePoint's limit on a multiple-lines-of-text value that is not "unlimited". */
export const NOTE_MAX_LENGTH = 63999;
export const TEXT_MAX_LENGTH = 255;

export function kindOf(column: ColumnDoc): ColumnKind {
  for (const kind of KINDS) if (column[kind]) return kind;
  return 'text';
}

/** Columns every generic list has from its creation. */
export function builtInColumns(): ColumnDoc[] {
  const base = {
    description: '',
    columnGroup: '_Hidden',
    enforceUniqueValues: false,
    hidden: false,
    indexed: false,
    readOnly: true,
    required: false,
  };
  return [
    {
      ...base,
      id: 'fa564e0f-0c70-4ab9-b863-0177e6ddd247',
      name: 'Title',
      displayName: 'Title',
      columnGroup: 'Custom Columns',
      readOnly: false,
      text: {
        allowMultipleLines: false,
        appendChangesToExistingText: false,
        linesForEditing: 0,
        maxLength: TEXT_MAX_LENGTH,
      },
    },
    {
      ...base,
      id: '1d22ea11-1e32-424e-89ab-9fedbadb6ce1',
      name: 'ID',
      displayName: 'ID',
      indexed: true,
      number: {
        decimalPlaces: 'none',
        displayAs: 'number',
        maximum: Number.MAX_SAFE_INTEGER,
        minimum: 1,
      },
    },
    {
      ...base,
      id: '8c06beca-0777-48f7-91c7-6da68bc07b69',
      name: 'Created',
      displayName: 'Created',
      dateTime: { displayAs: 'default', format: 'dateTime' },
    },
    {
      ...base,
      id: '28cf69c5-fa48-462a-b5cd-27b6f9d2bd5f',
      name: 'Modified',
      displayName: 'Modified',
      dateTime: { displayAs: 'default', format: 'dateTime' },
    },
  ];
}

/** Validates a column definition from a request and returns the column as stored. */
export function columnFromRequest(body: Record<string, unknown>): ColumnDoc {
  const name = body['name'];
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) {
    throw badRequest(
      `Invalid column name '${String(name)}': a name starts with a letter and holds letters, digits and underscores only (64 at most).`,
    );
  }
  for (const facet of UNSUPPORTED) {
    if (facet in body)
      throw badRequest(
        `Column '${name}': the '${facet}' column type is not supported by this emulator.`,
        'notSupported',
      );
  }
  const present = KINDS.filter((k) => body[k] !== undefined && body[k] !== null);
  if (present.length !== 1) {
    throw badRequest(
      `Column '${name}' must have exactly one type facet (text, number, boolean, dateTime or choice).`,
    );
  }
  const kind = present[0] as ColumnKind;
  const facet = (body[kind] ?? {}) as Record<string, unknown>;
  const indexed = body['indexed'] === true;
  const enforceUniqueValues = body['enforceUniqueValues'] === true;
  const column: ColumnDoc = {
    id: randomUUID(),
    name,
    displayName: typeof body['displayName'] === 'string' ? body['displayName'] : name,
    description: typeof body['description'] === 'string' ? body['description'] : '',
    columnGroup: 'Custom Columns',
    enforceUniqueValues,
    hidden: body['hidden'] === true,
    indexed,
    readOnly: false,
    required: body['required'] === true,
  };
  switch (kind) {
    case 'text': {
      const multi = facet['allowMultipleLines'] === true;
      const limit = multi ? NOTE_MAX_LENGTH : TEXT_MAX_LENGTH;
      const maxLength = facet['maxLength'] === undefined ? limit : Number(facet['maxLength']);
      if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > limit) {
        throw badRequest(`Column '${name}': maxLength must be a whole number from 1 to ${limit}.`);
      }
      if (multi && indexed) {
        throw badRequest(`Column '${name}': a column of multiple lines of text cannot be indexed.`);
      }
      column.text = {
        allowMultipleLines: multi,
        appendChangesToExistingText: false,
        linesForEditing: multi ? Number(facet['linesForEditing'] ?? 6) : 0,
        maxLength,
        ...(multi ? { textType: 'plain' } : {}),
      };
      break;
    }
    case 'number': {
      const minimum = facet['minimum'] === undefined ? -Number.MAX_VALUE : Number(facet['minimum']);
      const maximum = facet['maximum'] === undefined ? Number.MAX_VALUE : Number(facet['maximum']);
      if (Number.isNaN(minimum) || Number.isNaN(maximum) || minimum > maximum) {
        throw badRequest(
          `Column '${name}': minimum and maximum must be numbers, minimum not above maximum.`,
        );
      }
      column.number = {
        decimalPlaces: String(facet['decimalPlaces'] ?? 'automatic'),
        displayAs: String(facet['displayAs'] ?? 'number'),
        maximum,
        minimum,
      };
      break;
    }
    case 'boolean':
      column.boolean = {};
      break;
    case 'dateTime': {
      const format = facet['format'] ?? 'dateTime';
      if (format !== 'dateOnly' && format !== 'dateTime') {
        throw badRequest(`Column '${name}': dateTime.format must be 'dateOnly' or 'dateTime'.`);
      }
      column.dateTime = { displayAs: String(facet['displayAs'] ?? 'default'), format };
      break;
    }
    case 'choice': {
      const choices = facet['choices'];
      if (
        !Array.isArray(choices) ||
        choices.length === 0 ||
        !choices.every((c) => typeof c === 'string' && c.length > 0)
      ) {
        throw badRequest(`Column '${name}': choice.choices must be a non-empty list of texts.`);
      }
      column.choice = {
        allowTextEntry: facet['allowTextEntry'] === true,
        choices: choices as string[],
        displayAs: String(facet['displayAs'] ?? 'dropDownMenu'),
      };
      break;
    }
  }
  if (enforceUniqueValues && !indexed) {
    throw badRequest(
      `Column '${name}': you must index a column before enforcing unique values on it.`,
    );
  }
  return column;
}

/** Checks and normalises one value written to a column; null clears it. */
export function normaliseValue(
  column: ColumnDoc,
  value: unknown,
): string | number | boolean | null {
  const name = column.name;
  if (value === null) {
    return null;
  }
  const kind = kindOf(column);
  switch (kind) {
    case 'text': {
      if (typeof value !== 'string')
        throw badRequest(`Field '${name}' takes text, not ${typeof value}.`);
      const max = column.text?.maxLength ?? TEXT_MAX_LENGTH;
      if (value.length > max) {
        throw badRequest(
          `The value of field '${name}' is ${value.length} characters long; it may be at most ${max}.`,
        );
      }
      if (!column.text?.allowMultipleLines && /[\r\n]/.test(value)) {
        throw badRequest(`Field '${name}' is a single line of text and cannot hold a line break.`);
      }
      return value.length === 0 ? null : value;
    }
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n))
        throw badRequest(`Field '${name}' takes a number.`);
      const { minimum, maximum } = column.number ?? { minimum: -Infinity, maximum: Infinity };
      if (n < minimum || n > maximum)
        throw badRequest(`The value of field '${name}' must be between ${minimum} and ${maximum}.`);
      return n;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw badRequest(`Field '${name}' takes true or false.`);
      return value;
    case 'dateTime': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
        throw badRequest(`Field '${name}' takes a date and time in ISO 8601 form.`);
      }
      return normaliseDate(value);
    }
    case 'choice': {
      if (typeof value !== 'string')
        throw badRequest(`Field '${name}' takes one of its choices as text.`);
      if (!column.choice?.allowTextEntry && !column.choice?.choices.includes(value)) {
        throw badRequest(`The value '${value}' is not one of the choices of field '${name}'.`);
      }
      return value;
    }
  }
}

/** SharePoint keeps date-times to the second, in UTC. */
export function normaliseDate(value: string): string {
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  return new Date(withZone).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
