import { describe, expect, it } from 'vitest';
import { agendaTemplateFor, configuredTemplateFor } from '../../shared/board/agenda-templates.ts';

describe('the agenda template a meeting starts from', () => {
  it('takes the municipality’s list for the moment, then its list for any moment, then the built-in', () => {
    const configured = { plan_creation: ['A', 'B'], '': ['Z'] };
    expect(configuredTemplateFor('jusoteki', 'plan_creation', configured).items).toEqual(['A', 'B']);
    expect(configuredTemplateFor('jusoteki', 'ending', configured).items).toEqual(['Z']);
    expect(configuredTemplateFor('jusoteki', 'ending', {})).toEqual(agendaTemplateFor('jusoteki', 'ending'));
    expect(configuredTemplateFor('jusoteki', 'ending', undefined)).toEqual(agendaTemplateFor('jusoteki', 'ending'));
    // An emptied list falls back too: a meeting never starts from nothing because of a blank field.
    expect(configuredTemplateFor('shien', null, { '': [] })).toEqual(agendaTemplateFor('shien', null));
  });

  it('gives each configured list a stable id of its own, so concurrent fills write the same keys', () => {
    const a = configuredTemplateFor('local_kind', 'plan_change', { plan_change: ['X'] });
    const b = configuredTemplateFor('local_kind', 'plan_change', { plan_change: ['X'] });
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(agendaTemplateFor('local_kind', 'plan_change').id);
  });
});
