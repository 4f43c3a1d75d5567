import { describe, expect, it } from 'vitest';
import { layoutHousehold } from '../../client/board/ecomap/household-layout.ts';
import type { PersonView } from '../../shared/api/cases.ts';

/** Genogram partnerships: one slash for separation, two for divorce, none for a couple together. */
const subject: PersonView = { id: 'a', name: '本人', relation: '本人', sex: 'female', age: 70, isSubject: true, deceased: false };
const husband = (relation: string): PersonView => ({ id: 'b', name: '夫', relation, sex: 'male', age: 72, isSubject: false, deceased: false });

/** Short diagonal segments are the slashes; every other genogram line is horizontal or vertical. */
const slashes = (persons: PersonView[], hints: Parameters<typeof layoutHousehold>[1] = []) =>
  layoutHousehold(persons, hints).lines.filter((l) => l.x1 !== l.x2 && l.y1 !== l.y2);

describe('partnership slashes', () => {
  it('draws none for a couple together, one when separated, two when divorced', () => {
    expect(slashes([subject, husband('夫')])).toHaveLength(0);
    expect(slashes([subject, husband('夫 (別居)')])).toHaveLength(1);
    expect(slashes([subject, husband('元夫')])).toHaveLength(2);
  });

  it('the recorded partnership wins over the words of the relation', () => {
    expect(slashes([subject, husband('夫')], [{ personA: 'a', personB: 'b', status: 'divorced' }])).toHaveLength(2);
    expect(slashes([subject, husband('夫 (別居)')], [{ personA: 'b', personB: 'a', status: 'together' }])).toHaveLength(0);
  });
});
