/**
 * Rule 6, derived views follow the rule, live (issue 8), from the attacker's side over raw HTTP:
 * the household (names, ages, relations), the legal-basis label, the consent summary and the
 * user pickers are served only to who may know them, and an access event tells every open
 * screen to fetch them again the moment access narrows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api } from '../helpers/http.ts';
import { attackers, type Attacker } from './attacker.ts';

const HOUSEHOLD = ['山田 ハル', '山田 健二', '山田 由紀', '長男', '長女'];

/** Reads an event stream until `event` arrives; resolves with everything read (the bytes seen). */
async function untilEvent(res: Response, event: string): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  while (!seen.includes(`event: ${event}`)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${event}: ${seen}`);
    seen += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return seen;
}

describe('derived views are information too', () => {
  let server: TestServer;
  let tanaka: Attacker, sato: Attacker, watanabe: Attacker, yuki: Attacker;
  beforeAll(async () => {
    server = await startTestServer();
    [tanaka, sato, watanabe, yuki] = await attackers(server.url, ['tanaka', 'sato', 'watanabe', 'yuki'] as const);
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('the consent summary shows a participant only what the consent means for their organisation', async () => {
    const mine = await sato.send('GET', '/api/cases/case-yamada/consents');
    expect(mine.status).toBe(200);
    const haru = (JSON.parse(mine.body) as { personId: string; current: { scope: { category: string; orgId: string }[]; note: string | null }; history: unknown[] }[]).find((p) => p.personId === 'p-haru')!;
    expect(haru.current.scope.map((e) => `${e.category}|${e.orgId}`).sort()).toEqual(['basic|org-houkatsu', 'health|org-houkatsu', 'living|org-houkatsu']);
    expect(haru.current.note).toBeNull();
    expect(haru.history).toEqual([]);
    // Not a byte about other organisations' share, nor the coordinator's note on the form.
    for (const secret of ['org-konkyu', 'org-clinic', 'org-shakyo', 'finances', '同意書を受領']) expect(mine.body).not.toContain(secret);
    // The coordinator sees the whole record.
    const full = await tanaka.send('GET', '/api/cases/case-yamada/consents');
    for (const detail of ['org-konkyu', 'org-clinic', 'finances', '同意書を受領']) expect(full.body).toContain(detail);
  });

  it('pickers list a household account only to those who share her case: the DV survivor is unknown to other agencies', async () => {
    const satoSees = await sato.send('GET', '/api/directory');
    expect(satoSees.status).toBe(200);
    expect(satoSees.body).not.toContain('u-miwa');
    expect(satoSees.body).not.toContain('佐々木 美和');
    // Staff of other agencies are colleagues: listed.
    expect(satoSees.body).toContain('u-watanabe');
    // Those in her 支援会議, and her coordinator, do see her.
    expect((await watanabe.send('GET', '/api/directory')).body).toContain('u-miwa');
    expect((await tanaka.send('GET', '/api/directory')).body).toContain('u-miwa');
    // A household account sees only those it shares a meeting with.
    const yukiSees = await yuki.send('GET', '/api/directory');
    expect(yukiSees.body).toContain('u-sato');
    expect(yukiSees.body).not.toContain('u-watanabe');
    expect(yukiSees.body).not.toContain('u-miwa');
  });

  it('a withdrawal empties the household and hides the legal basis for the other agency, announced on its open event stream', async () => {
    const before = JSON.parse((await sato.send('GET', '/api/cases/case-yamada')).body) as { legalBasis: string | null; persons: { name: string }[] };
    expect(before.legalBasis).toBe('consent');
    expect(before.persons.map((p) => p.name)).toContain('山田 ハル');

    // Sato's board is open: its event stream is connected (the 'ready' event has arrived).
    const stream = await api(server.url, sato.cookie, 'GET', '/api/cases/case-yamada/events');
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: ready');
    reader.releaseLock();
    const announced = untilEvent(stream, 'access-changed');

    const withdrawn = await tanaka.send('POST', '/api/cases/case-yamada/persons/p-haru/consents', {
      status: 'withdrawn',
      method: null,
      validFrom: null,
      validUntil: null,
      scope: [],
      note: '本人の申し出により撤回',
    });
    expect(withdrawn.status).toBe(201);
    // The event carries no content, only "fetch again".
    expect(await announced).not.toMatch(/山田|p-haru|consent/);

    for (const path of ['/api/cases/case-yamada', '/api/cases/case-yamada?ctx=meeting:meeting-yamada-1']) {
      const after = await sato.send('GET', path);
      expect(after.status).toBe(200);
      const view = JSON.parse(after.body) as { legalBasis: string | null; persons: unknown[] };
      expect(view.legalBasis, path).toBeNull();
      expect(view.persons, path).toEqual([]);
      for (const word of HOUSEHOLD) expect(after.body, path).not.toContain(word);
    }
    const list = await sato.send('GET', '/api/cases');
    expect(JSON.parse(list.body).find((c: { id: string }) => c.id === 'case-yamada').legalBasis).toBeNull();
    // The consent summary follows: nobody of the household is listed to him any more.
    expect(JSON.parse((await sato.send('GET', '/api/cases/case-yamada/consents')).body)).toEqual([]);
    // The coordinator still manages the case: she sees the household, to record consent again.
    expect(JSON.parse((await tanaka.send('GET', '/api/cases/case-yamada')).body).persons).toHaveLength(4);
  });
  it('a participant removed from the case’s only meeting: his event stream ends, and the case answers as an unknown one', async () => {
    const ito = (await attackers(server.url, ['ito'] as const))[0];
    const stream = await api(server.url, ito.cookie, 'GET', '/api/cases/case-yamada/events');
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: ready');
    expect((await tanaka.send('DELETE', '/api/meetings/meeting-yamada-1/participants/u-ito')).status).toBe(200);
    // Read to the end: the stream must end by itself (the positive marker is `done`).
    let rest = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    expect(rest).toContain('event: access-changed');
    const real = await ito.send('GET', '/api/cases/case-yamada');
    const fake = await ito.send('GET', '/api/cases/case-nonexistent');
    expect(real.status).toBe(404);
    expect(real).toEqual(fake);
  });
});
