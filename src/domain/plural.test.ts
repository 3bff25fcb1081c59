import { describe, expect, it } from '@jest/globals';
import { counted, pluralForm } from './plural.js';

describe('counted', () => {
  it('says one thing in the singular and every other count in the plural', () => {
    expect(counted(1, 'audit')).toBe('1 audit');
    expect(counted(0, 'audit')).toBe('0 audits');
    expect(counted(2, 'notification')).toBe('2 notifications');
    expect(counted(21, 'record')).toBe('21 records');
    expect(counted(1.5, 'second')).toBe('1.5 seconds');
  });

  it('takes an irregular plural when given', () => {
    expect(counted(1, 'person', 'people')).toBe('1 person');
    expect(counted(4, 'person', 'people')).toBe('4 people');
  });
});

describe('pluralForm', () => {
  it('gives the word alone, for verbs and nouns that follow the count', () => {
    expect(pluralForm(1, 'was', 'were')).toBe('was');
    expect(pluralForm(3, 'was', 'were')).toBe('were');
    expect(pluralForm(2, 'place')).toBe('places');
  });
});
