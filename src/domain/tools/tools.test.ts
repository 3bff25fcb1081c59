import { describe, expect, it } from '@jest/globals';
import { AGENCY_IDS, MULTI_AGENCY } from '../agencies.js';
import { GRADES } from '../grading.js';
import { CATEGORIES } from '../records.js';
import {
  ALL_TOOLS,
  latestTool,
  sectionsFor,
  TOOL_VERSIONS,
  type ToolId,
  toolVersion,
  UnknownToolError,
} from './index.js';

describe('the audit tools', () => {
  it('exist for every category, each version numbered from 1 without gaps', () => {
    for (const category of CATEGORIES) {
      const versions = TOOL_VERSIONS[category].map((t) => t.version);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
      expect(TOOL_VERSIONS[category].every((t) => t.id === category)).toBe(true);
    }
  });

  for (const tool of ALL_TOOLS) {
    describe(`${tool.title} v${tool.version}`, () => {
      it('has unique section ids and the common sections', () => {
        const ids = tool.sections.map((s) => s.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toEqual(
          expect.arrayContaining([
            'caseProfile',
            'childsVoice',
            'identityDiversity',
            'multiAgencyWorking',
            'oversight',
            'impactOutcomes',
          ]),
        );
        expect(tool.sections.length).toBeGreaterThan(6);
      });

      it('has a non-empty descriptor for every grade of every graded section, and prompts everywhere', () => {
        for (const section of tool.sections) {
          expect({ id: section.id, hasPrompts: section.prompts.length > 0 }).toEqual({
            id: section.id,
            hasPrompts: true,
          });
          if (!section.graded) continue;
          for (const grade of GRADES)
            expect({
              grade: `${section.id}.${grade}`,
              described: section.descriptors[grade].trim().length > 20,
            }).toEqual({ grade: `${section.id}.${grade}`, described: true });
          expect([section.id, new Set(Object.values(section.descriptors)).size]).toEqual([
            section.id,
            GRADES.length,
          ]);
        }
      });

      it('lets at least one agency answer every section, naming only known agencies', () => {
        for (const section of tool.sections) {
          if (section.agencies === 'all') continue;
          expect({ id: section.id, hasAgencies: section.agencies.length > 0 }).toEqual({
            id: section.id,
            hasAgencies: true,
          });
          for (const a of section.agencies) expect(AGENCY_IDS).toContain(a);
        }
        const answered = new Set(AGENCY_IDS.flatMap((a) => sectionsFor(tool, a).map((s) => s.id)));
        expect([...answered].sort()).toEqual(tool.sections.map((s) => s.id).sort());
      });

      it('gives the tool, and each section and prompt, words an auditor can read', () => {
        expect(tool.title.trim()).not.toBe('');
        expect(tool.summary).toMatch(/^[A-Z].{20,}\.$/);
        for (const section of tool.sections) {
          expect({ id: section.id, title: section.title }).toEqual({
            id: section.id,
            title: expect.stringMatching(/^[A-Z]/),
          });
          // Each prompt is a question or a sentence an auditor reads as it is.
          for (const prompt of section.prompts)
            expect({ id: section.id, prompt }).toEqual({
              id: section.id,
              prompt: expect.stringMatching(/^[A-Z].{10,}[.?]$/),
            });
        }
      });

      it('grades every section but the case profile, which records facts', () => {
        expect(tool.sections.filter((s) => !s.graded).map((s) => s.id)).toEqual(['caseProfile']);
      });

      it('gives the lead auditor every section', () => {
        expect(sectionsFor(tool, MULTI_AGENCY)).toEqual(tool.sections);
      });
    });
  }

  it('names each tool and its latest version', () => {
    expect(CATEGORIES.map((c) => [latestTool(c).title, latestTool(c).version])).toEqual([
      ['Child protection', 2],
      ['Child in need', 1],
      ['Early intervention (early help)', 1],
      ['Children in care', 1],
    ]);
  });

  it('asks the strategy discussion of social care, police and health only', () => {
    const tool = latestTool('childProtection');
    expect(sectionsFor(tool, 'education').map((s) => s.id)).not.toContain('referralStrategy');
    expect(sectionsFor(tool, 'police').map((s) => s.id)).toContain('referralStrategy');
  });

  it('keeps older versions readable and refuses one that never existed', () => {
    expect(toolVersion('childProtection', 1).sections.map((s) => s.id)).toContain(
      'conferenceAndPlan',
    );
    expect(latestTool('childProtection').version).toBe(2);
    expect(() => toolVersion('youthJustice' as ToolId, 1)).toThrow(
      new UnknownToolError('There is no version 1 of the youthJustice tool.'),
    );
    expect(() => toolVersion('childInNeed', 9)).toThrow(
      new UnknownToolError('There is no version 9 of the childInNeed tool.'),
    );
  });

  it('points every carried-over section at a section of the previous version', () => {
    for (const versions of Object.values(TOOL_VERSIONS)) {
      for (let i = 1; i < versions.length; i++) {
        const older = new Set(versions[i - 1]!.sections.map((s) => s.id));
        for (const s of versions[i]!.sections)
          for (const from of s.carriesFrom ?? [])
            expect([`${s.id} <- ${from}`, older.has(from)]).toEqual([`${s.id} <- ${from}`, true]);
      }
    }
  });
});
