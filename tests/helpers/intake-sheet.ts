/** A つなぐシート as an agency would fill it in (tests of issue 10). */
export const REASON = '長男のひきこもりが長期化し、母の介護負担が限界に近い';
export const DEBT = '家賃を3か月滞納している';

export function sheet(overrides: Record<string, unknown> = {}) {
  return {
    toOrgId: 'org-shakyo',
    consentVariant: 'not_given',
    consent: null,
    notGivenReason: 'not_asked',
    subject: { name: '髙橋 和子', kana: 'たかはし かずこ', sex: 'female', birthDate: '1950-04-02', age: null, address: '花水木市本町1丁目2番3号', phone: '000-0000-0000', contactNote: '' },
    household: [
      { name: '髙橋 浩', kana: 'たかはし ひろし', sex: 'male', birthDate: '1975-06-01', age: null, relation: 'child', relationLabel: '長男', deceased: false, notes: '' },
      { name: '髙橋 正', kana: 'たかはし ただし', sex: 'male', birthDate: null, age: 78, relation: 'spouse_separated', relationLabel: '夫', deceased: false, notes: '市外で別居' },
    ],
    troubles: [
      { key: 'care', detail: '' },
      { key: 'arrears_debt', detail: DEBT },
    ],
    wishes: '自宅で暮らし続けたい',
    considerations: '',
    reason: REASON,
    ...overrides,
  };
}

