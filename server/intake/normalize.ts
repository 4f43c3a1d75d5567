import { createHash } from 'node:crypto';

/**
 * Normalised spellings for duplicate checks and search: the same household is written 髙橋 or
 * 高橋, ヤマダ or やまだ, with or without the space between family and given name, in full-width
 * or half-width digits. Only the comparison uses these; what people typed is kept as typed.
 */

/** Variant kanji (異体字) often found in names, mapped to the common form. */
const KANJI_VARIANTS: Record<string, string> = {
  髙: '高', 﨑: '崎', 嵜: '崎', 邊: '辺', 邉: '辺', 齋: '斎', 齊: '斎', 斉: '斎', 澤: '沢', 濱: '浜', 濵: '浜',
  櫻: '桜', 廣: '広', 國: '国', 團: '団', 藏: '蔵', 眞: '真', 龍: '竜', 惠: '恵', 德: '徳', 冨: '富', 兒: '児', 實: '実',
  壽: '寿', 瀧: '滝', 鷗: '鴎', 圓: '円', 萬: '万', 學: '学', 榮: '栄', 與: '与', 應: '応', 彌: '弥', 淺: '浅', 關: '関',
};

function toHiragana(s: string): string {
  return s.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/** For names in kanji (or kana): NFKC, variant kanji folded, kana folded to hiragana, no spaces. */
export function normaliseName(s: string): string {
  const folded = [...s.normalize('NFKC')].map((ch) => KANJI_VARIANTS[ch] ?? ch).join('');
  return toHiragana(folded).replace(/[\s・･.,、。]/g, '').toLowerCase();
}

/** For readings: the same, plus small kana and the long-vowel mark do not decide a match. */
export function normaliseKana(s: string): string {
  return normaliseName(s)
    .replace(/[ぁぃぅぇぉっゃゅょゎ]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 1))
    .replace(/ー/g, '');
}

/** Addresses: NFKC, no spaces, 丁目/番地/号 and dashes written one way. */
export function normaliseAddress(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/[‐‑‒–—―−ー－]/g, '-')
    .replace(/丁目|番地|番|号/g, '-')
    .replace(/-+/g, '-')
    .replace(/-$/, '');
}

/**
 * A keyed hash of the normalised address: duplicates can be found by address without keeping the
 * address itself outside a labelled item (the whereabouts of a DV victim are restricted).
 */
export function addressKey(address: string): string | null {
  const normal = normaliseAddress(address);
  if (normal.length < 4) return null;
  return createHash('sha256').update(`kasane-address:${normal}`).digest('hex');
}
